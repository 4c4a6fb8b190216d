"""A bot's datafeed through trouble: a feed that expires while the bot is busy, and a sympod that crashes and
restarts under a running bot. The SDK's datafeed loop recovers on its own; the bot loses no event it could get."""

import asyncio
import logging
import re

import pytest
from symphony.bdk.core.service.datafeed.exception import EventError
from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener

from harness import ADMIN, eventually, live_feeds, start_loop, stop_loop

SDK_LOGGER = "symphony.bdk.core"  # where the SDK logs each call it retries, and why


def text_of(message):
    return re.sub(r"<[^>]+>", "", message.message).strip()


class Recorder(RealTimeEventListener):
    """Records the text of every message it hears; lingers on a message that says "slow" (a bot busy for a while)."""

    def __init__(self, busy_seconds: float = 0):
        self.heard = []
        self.busy_seconds = busy_seconds

    async def on_message_sent(self, initiator, event):
        self.heard.append(text_of(event.message))
        if "slow" in self.heard[-1]:
            await asyncio.sleep(self.busy_seconds)


@pytest.mark.sympod_args("--datafeed-wait-ms", "300", "--datafeed-expiry-ms", "2000")
def test_a_feed_that_expires_while_the_bot_is_busy_is_deleted_and_recreated_by_the_sdk(sympod, caplog):
    caplog.set_level(logging.INFO, logger=SDK_LOGGER)

    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            bot = await sympod.create_bot(admin, "bot")
            await sympod.create_bot(admin, "user")
        async with sympod.bdk("bot") as bot_bdk, sympod.bdk("user") as user_bdk:
            recorder = Recorder(busy_seconds=3)  # longer than the feed's 2 s lifetime: nobody reads it meanwhile
            loop, running = await start_loop(bot_bdk, recorder)
            [first_feed] = await live_feeds(bot_bdk)
            im = await user_bdk.streams().create_im(bot.user_system_info.id)

            await user_bdk.messages().send_message(im.id, "slow")
            await eventually(lambda: recorder.heard == ["slow"])
            # While the listener works the feed expires: sympod stops listing it, and its next read is a 400.
            await asyncio.sleep(2.5)
            assert first_feed not in await live_feeds(bot_bdk)

            # The loop's read gets the 400; the SDK deletes the feed, creates another and reads that one.
            [second_feed] = await eventually(lambda: live_feeds(bot_bdk), timeout=5)
            assert second_feed != first_feed
            await user_bdk.messages().send_message(im.id, "still there?")
            await eventually(lambda: recorder.heard == ["slow", "still there?"])
            assert not running.done(), "the loop did not die on the expired feed"
            await stop_loop(loop, running)
        # The SDK's own account of it: its read of that feed raised BadRequestException, and it retried after
        # `recreate_datafeed()`: DELETE of the expired feed (sympod answers 200 `{}`: the spec's 204 is what the
        # SDK cannot read, and a 400/404 there would end the loop), then POST (201) of a new one.
        retries = [r.getMessage() for r in caplog.records if "_read_events" in r.getMessage()]
        assert any("BadRequestException: (400)" in r and first_feed in r for r in retries), retries
    asyncio.run(scenario())


class FlakyRecorder(Recorder):
    """Records every message; the first time it hears "flaky" it waits for `release`, then fails with the SDK's
    `EventError` (say its own backend was down): the SDK then does not acknowledge that batch, and reads it again."""

    def __init__(self):
        super().__init__()
        self.release = asyncio.Event()

    async def on_message_sent(self, initiator, event):
        await super().on_message_sent(initiator, event)
        if self.heard[-1] == "flaky" and self.heard.count("flaky") == 1:
            await self.release.wait()
            raise EventError("not processed, deliver it again")


@pytest.mark.sympod_file_database
@pytest.mark.sympod_args("--datafeed-wait-ms", "300")
def test_a_bot_keeps_its_ack_id_across_a_restart_and_loses_no_event(sympod, caplog):
    caplog.set_level(logging.INFO, logger=SDK_LOGGER)

    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            bot = await sympod.create_bot(admin, "bot")
            await sympod.create_bot(admin, "user")
        async with sympod.bdk("bot") as bot_bdk, sympod.bdk("user") as user_bdk:
            recorder = FlakyRecorder()
            loop, running = await start_loop(bot_bdk, recorder)
            [feed] = await live_feeds(bot_bdk)
            im = await user_bdk.streams().create_im(bot.user_system_info.id)
            for i, text in enumerate(("one", "two", "flaky")):  # one at a time: "flaky" alone in its batch
                await user_bdk.messages().send_message(im.id, text)
                await eventually(lambda: len(recorder.heard) == i + 1)
            assert recorder.heard == ["one", "two", "flaky"]

            # While the bot is still on "flaky", sympod crashes and comes back a second later on the same port and
            # data. The listener then fails, so the loop's next read carries the ackId of the batch before "flaky";
            # the loop retries that read until sympod answers. The user's SDK retries the message it sends while
            # sympod is down.
            restarting = asyncio.create_task(asyncio.to_thread(sympod.restart, 1.0))
            await eventually(lambda: sympod.process.poll() is not None, timeout=1)  # sympod is down
            recorder.release.set()
            await user_bdk.messages().send_message(im.id, "sent while sympod was down")
            await restarting
            await user_bdk.messages().send_message(im.id, "sent just after the restart")

            expected = ["one", "two", "flaky", "flaky", "sent while sympod was down", "sent just after the restart"]
            await eventually(lambda: len(recorder.heard) >= len(expected))
            await asyncio.sleep(1)  # a few more reads: nothing acknowledged comes twice
            assert recorder.heard == expected
            assert await live_feeds(bot_bdk) == [feed], "the same feed, not a new one that would have missed events"
            assert not running.done()
            await stop_loop(loop, running)
        # The SDK's account of it: both its datafeed read and the user's send were retried while sympod was down.
        for call in ("_read_events", "_send_message"):
            retries = [r.getMessage() for r in caplog.records if call in r.getMessage()]
            assert any("Cannot connect" in r for r in retries), (call, retries)
    asyncio.run(scenario())
