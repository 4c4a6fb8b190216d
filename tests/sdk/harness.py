"""A fresh sympod for each test, and the SDK configured against it, as a bot developer would set it up.

The harness starts the real `sympod` binary on a free port with a bootstrap administrator whose key it
generates (in memory, or on a SQLite file that survives a restart), and writes the SDK's YAML configuration
for any account or app. Tests then use the SDK's public API only: provisioning goes through the SDK's admin
services, as the administrator. Two marked exceptions: `live_feeds` reaches the SDK's own generated
DatafeedApi through an SDK internal, and test_elements.py submits a form as the Symphony client does (sympod's
own endpoint: no SDK call exists for what a user does in the client).
"""

import asyncio
import os
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from symphony.bdk.core.config.loader import BdkConfigLoader
from symphony.bdk.core.symphony_bdk import SymphonyBdk
from symphony.bdk.gen.agent_api.datafeed_api import DatafeedApi
from symphony.bdk.gen.pod_model.v2_user_attributes import V2UserAttributes
from symphony.bdk.gen.pod_model.v2_user_create import V2UserCreate
from symphony.bdk.gen.pod_model.v2_user_key_request import V2UserKeyRequest

REPO = Path(__file__).resolve().parents[2]
ADMIN = "sdk-admin"


def sympod_binary() -> str:
    return os.environ.get("SYMPOD_BIN") or str(REPO / "target" / "debug" / "sympod")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sympod:
    """One `sympod serve` process: an in-memory store, or with `file_database` a SQLite file that outlives
    `restart()`, which starts the same server again on the same port and data."""

    def __init__(self, *extra_args: str, file_database: bool = False):
        self.dir = Path(tempfile.mkdtemp(prefix="sympod-sdk-"))
        self.port = free_port()
        self.output = []
        self.process = None
        database = f"sqlite://{self.dir / 'sympod.db'}" if file_database else "sqlite::memory:"
        admin_public = self.new_key(ADMIN)
        self.command = [sympod_binary(), "serve", "--listen", f"127.0.0.1:{self.port}", "--database", database,
                        "--admin-username", ADMIN, "--admin-public-key", str(admin_public), *extra_args]
        self.start()

    def start(self):
        self.process = subprocess.Popen(self.command, cwd=self.dir, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self._wait_until_listening()

    def restart(self, pause: float = 0):
        """Kills the server (no graceful shutdown: as a crash would), waits `pause` seconds, starts it again."""
        self.stop()
        time.sleep(pause)
        self.start()

    def _wait_until_listening(self):
        ready = threading.Event()
        process = self.process

        def pump():
            for line in process.stdout:
                self.output.append(line)
                if "listening on" in line:
                    ready.set()
        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(60):
            self.stop()
            raise RuntimeError("sympod did not start:\n" + "".join(self.output))

    def new_key(self, name: str) -> Path:
        """Generates a key pair for `name`; returns the public key's path (the private one is beside it)."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private = self.dir / f"{name}-privatekey.pem"
        public = self.dir / f"{name}-publickey.pem"
        private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
        public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo))
        return public

    def config(self, username: str = None, app_id: str = None):
        """The SDK configuration of `username` (and/or of an app), exactly as a developer writes it in YAML."""
        # A bounded retry policy (the default retries for minutes), so a failing test fails fast.
        yaml = (f"scheme: http\nhost: 127.0.0.1\nport: {self.port}\n"
                "retry:\n  maxAttempts: 4\n  initialIntervalMillis: 500\n  multiplier: 1\n  maxIntervalMillis: 2000\n"
                # The datafeed loop's own policy (infinite by default, backing off to 5 minutes): a quick, bounded
                # one, so that a loop riding out a restart or an expired feed recovers within a test's seconds.
                "datafeed:\n  version: v2\n  retry:\n    maxAttempts: 30\n    initialIntervalMillis: 200\n"
                "    multiplier: 1\n    maxIntervalMillis: 300\n")
        if username:
            key = self.dir / f"{username}-privatekey.pem"
            yaml += f"bot:\n  username: {username}\n  privateKey:\n    path: {key}\n"
        if app_id:
            key = self.dir / f"{app_id}-privatekey.pem"
            yaml += f"app:\n  appId: {app_id}\n  privateKey:\n    path: {key}\n"
        path = self.dir / f"{username or app_id}-config.yaml"
        path.write_text(yaml)
        return BdkConfigLoader.load_from_file(str(path))

    @asynccontextmanager
    async def bdk(self, username: str = None, app_id: str = None):
        async with SymphonyBdk(self.config(username, app_id)) as bdk:
            yield bdk

    async def create_bot(self, admin: SymphonyBdk, username: str, roles=("INDIVIDUAL",)):
        """Provisions a service account with a fresh key through the SDK's admin service."""
        public = self.new_key(username).read_text()
        attributes = V2UserAttributes(user_name=username, display_name=f"{username} bot", account_type="SYSTEM",
                                      current_key=V2UserKeyRequest(key=public, action="SAVE"))
        return await admin.users().create(V2UserCreate(user_attributes=attributes, roles=list(roles)))

    async def create_user(self, admin: SymphonyBdk, username: str, first_name: str, last_name: str):
        """Provisions an end user (a NORMAL account), with a key of its own so that the test can also act as that
        user through the SDK (what the user would otherwise do in the Symphony client)."""
        public = self.new_key(username).read_text()
        attributes = V2UserAttributes(user_name=username, email_address=f"{username}@example.com",
                                      first_name=first_name, last_name=last_name,
                                      display_name=f"{first_name} {last_name}", account_type="NORMAL",
                                      current_key=V2UserKeyRequest(key=public, action="SAVE"))
        return await admin.users().create(V2UserCreate(user_attributes=attributes, roles=["INDIVIDUAL"]))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
        if self.process:
            self.process.wait()


async def eventually(check, timeout: float = 10, interval: float = 0.1):
    """Awaits `check()` (sync or async) until it answers something truthy, and returns that; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if hasattr(result, "__await__"):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {check}")
        await asyncio.sleep(interval)


async def live_feeds(bdk):
    """The bot's datafeeds as the agent lists them, through the SDK's generated DatafeedApi (the one its loop uses).
    SDK internal: `_agent_client`, the agent's ApiClient of this SymphonyBdk (no service of the SDK lists feeds)."""
    api = DatafeedApi(bdk._agent_client)
    session = bdk.bot_session()
    feeds = await api.list_datafeed(session_token=await session.session_token,
                                    key_manager_token=await session.key_manager_token)
    return [feed.id for feed in feeds]


async def start_loop(bdk, *listeners):
    """Starts the SDK's datafeed loop with `listeners`, in a task; returns once its feed exists (a feed receives
    only what happens after its creation, so a test that sends at once could otherwise beat it)."""
    loop = bdk.datafeed()
    for listener in listeners:
        loop.subscribe(listener)
    running = asyncio.create_task(loop.start())
    await eventually(lambda: live_feeds(bdk))  # the loop has listed or created its feed and reads it
    return loop, running


async def stop_loop(loop, running):
    await loop.stop()
    await asyncio.wait_for(running, 10)
