"""The SDK's datafeed loop against sympod: the echo bot of `examples/python-echo-bot`, as bot developers write one."""

import asyncio
import importlib.util
import re

import pytest

from harness import ADMIN, REPO, eventually, start_loop, stop_loop

# The example itself, unchanged: its README says this test runs it.
_spec = importlib.util.spec_from_file_location("echo_bot", REPO / "examples" / "python-echo-bot" / "bot.py")
echo_bot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(echo_bot)


class RecordingEcho(echo_bot.Echo):
    """The example's listener, noting what its datafeed delivered."""

    def __init__(self, bdk):
        super().__init__(bdk)
        self.seen = []

    async def on_message_sent(self, initiator, event):
        self.seen.append((initiator.user.user_id, event.message.message_id))
        await super().on_message_sent(initiator, event)


@pytest.mark.sympod_args("--datafeed-wait-ms", "1000")
def test_an_echo_bot_answers_a_user_through_the_sdks_datafeed_loop(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            bot = await sympod.create_bot(admin, "echo-bot")
            user = await sympod.create_bot(admin, "user")
        bot_id, user_id = bot.user_system_info.id, user.user_system_info.id
        async with sympod.bdk("echo-bot") as bot_bdk, sympod.bdk("user") as user_bdk:
            echo = RecordingEcho(bot_bdk)
            loop, running = await start_loop(bot_bdk, echo)
            im = await user_bdk.streams().create_im(bot_id)
            sent = await user_bdk.messages().send_message(im.id, "ping <b>42</b>")

            async def answers():
                return [m for m in await user_bdk.messages().list_messages(im.id) if m.user.user_id == bot_id]
            [answer] = await eventually(answers)
            assert re.sub(r"<[^>]+>", "", answer.message).strip() == "echo: ping 42"
            assert answer.stream.stream_id == im.id

            second = await user_bdk.messages().send_message(im.id, "pong")
            await eventually(lambda: len(echo.seen) == 2)
            await asyncio.sleep(1.2)  # one more empty read: the bot's own answers are filtered out by the SDK
            await stop_loop(loop, running)
            assert echo.seen == [(user_id, sent.message_id), (user_id, second.message_id)]
            assert len(await answers()) == 2
    asyncio.run(scenario())
