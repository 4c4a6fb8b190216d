"""The SDK's datafeed loop against sympod: an echo bot, as bot developers write one."""

import asyncio
import re

import pytest

from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener

from harness import ADMIN


class Echo(RealTimeEventListener):
    """Answers every message with the same text."""

    def __init__(self, bdk):
        self.bdk = bdk
        self.seen = []

    async def on_message_sent(self, initiator, event):
        self.seen.append(event.message.message_id)
        text = re.sub(r"<[^>]+>", "", event.message.message)  # PresentationML in, plain text out
        await self.bdk.messages().send_message(event.message.stream.stream_id, "echo: " + text)


@pytest.mark.sympod_args("--datafeed-wait-ms", "1000")
def test_an_echo_bot_answers_a_user_through_the_sdks_datafeed_loop(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            bot = await sympod.create_bot(admin, "echo-bot")
            await sympod.create_bot(admin, "user")
        async with sympod.bdk("echo-bot") as bot_bdk, sympod.bdk("user") as user_bdk:
            echo = Echo(bot_bdk)
            loop = bot_bdk.datafeed()
            loop.subscribe(echo)
            running = asyncio.create_task(loop.start())
            await asyncio.sleep(1)  # the loop creates its feed and starts reading
            im = await user_bdk.streams().create_im(bot.user_system_info.id)
            sent = await user_bdk.messages().send_message(im.id, "ping")
            answer = None
            for _ in range(50):
                await asyncio.sleep(0.2)
                messages = await user_bdk.messages().list_messages(im.id)
                answers = [m for m in messages if m.user.user_id == bot.user_system_info.id]
                if answers:
                    answer = answers[0]
                    break
            await loop.stop()
            await asyncio.wait_for(running, 60)
            assert echo.seen == [sent.message_id], "the bot's own answer is filtered by the SDK"
            assert answer is not None and "echo:" in answer.message and "ping" in answer.message
    asyncio.run(scenario())
