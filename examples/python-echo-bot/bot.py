"""An echo bot: it answers every message it receives with the same text.

It runs unchanged against a real Symphony pod; against sympod, use the quick start's configuration:
    python bot.py sympod-data/quickstart/demo-bot-config.yaml
Then open an IM with the bot (any user of the pod) and write to it. Ctrl-C stops it.
"""

import asyncio
import re
import sys

from symphony.bdk.core.config.loader import BdkConfigLoader
from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener
from symphony.bdk.core.symphony_bdk import SymphonyBdk


class Echo(RealTimeEventListener):
    def __init__(self, bdk: SymphonyBdk):
        self.bdk = bdk

    async def on_message_sent(self, initiator, event):
        text = re.sub(r"<[^>]+>", "", event.message.message)  # PresentationML in, plain text out
        await self.bdk.messages().send_message(event.message.stream.stream_id, f"echo: {text}")


async def main(config_path: str) -> None:
    config = BdkConfigLoader.load_from_file(config_path)
    async with SymphonyBdk(config) as bdk:
        me = await bdk.sessions().get_session()
        print(f"{me.display_name} is listening (user id {me.id})")
        datafeed = bdk.datafeed()
        datafeed.subscribe(Echo(bdk))
        await datafeed.start()


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "sympod-data/quickstart/demo-bot-config.yaml"))
    except KeyboardInterrupt:
        pass
