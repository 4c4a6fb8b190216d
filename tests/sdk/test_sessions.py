"""Sessions as the SDK lives them: expiry and re-login, simplified key delivery, on-behalf-of."""

import asyncio
import json
import logging
import re

import jwt
import pytest
from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener
from symphony.bdk.gen.exceptions import ForbiddenException
from symphony.bdk.gen.pod_model.app_authentication_key import AppAuthenticationKey
from symphony.bdk.gen.pod_model.app_authentication_keys import AppAuthenticationKeys
from symphony.bdk.gen.pod_model.application_detail import ApplicationDetail
from symphony.bdk.gen.pod_model.application_info import ApplicationInfo

from harness import ADMIN, eventually, start_loop, stop_loop


class Echo(RealTimeEventListener):
    def __init__(self, bdk):
        self.bdk = bdk

    async def on_message_sent(self, initiator, event):
        text = re.sub(r"<[^>]+>", "", event.message.message)
        await self.bdk.messages().send_message(event.message.stream.stream_id, "echo: " + text)


@pytest.mark.sympod_args("--session-lifetime", "3", "--datafeed-wait-ms", "500")
def test_sessions_expire_mid_run_and_the_sdk_logs_in_again_and_carries_on(sympod, caplog):
    caplog.set_level(logging.INFO, logger="symphony.bdk.core")

    async def scenario():
        async with sympod.bdk(ADMIN) as admin, sympod.bdk("bot") as bot_bdk, sympod.bdk("user") as user_bdk:
            bot = await sympod.create_bot(admin, "bot")
            user = await sympod.create_bot(admin, "user")
            bot_id = bot.user_system_info.id
            loop, running = await start_loop(bot_bdk, Echo(bot_bdk))
            im = await user_bdk.streams().create_im(bot_id)
            tokens = [await b.bot_session().session_token for b in (admin, bot_bdk, user_bdk)]

            async def answers(n):
                found = [m.message for m in await user_bdk.messages().list_messages(im.id) if m.user.user_id == bot_id]
                return found if len(found) >= n else None

            await user_bdk.messages().send_message(im.id, "before")
            await eventually(lambda: answers(1))
            # The real clock: every session token expires (3 s, up to 4 s since `exp` is in whole seconds, rounded
            # up; the SDK waits 1 s before retrying a call it logged in again for, so the new token is still good
            # then). The bot's datafeed read gets a 401 and logs in again; so do the user's agent call and the
            # admin's pod call.
            await asyncio.sleep(4.5)
            await user_bdk.messages().send_message(im.id, "after")
            replies = await eventually(lambda: answers(2))
            assert ["before" in replies[0], "after" in replies[1]] == [True, True]
            detail = await admin.users().get_user_detail(user.user_system_info.id)
            assert detail.user_attributes.user_name == "user"
            renewed = [await b.bot_session().session_token for b in (admin, bot_bdk, user_bdk)]
            assert all(new != old for new, old in zip(renewed, tokens)), "each logged in again"
            assert not running.done(), "the datafeed loop carried on"
            await stop_loop(loop, running)
        unauthorized = [r.getMessage().split("\n")[0] for r in caplog.records if "(401)" in r.getMessage()]
        for call in ("_read_events", "_send_message", "get_user_detail"):
            assert any(call in r for r in unauthorized), (call, unauthorized)
    asyncio.run(scenario())


@pytest.mark.sympod_args("--simplified-key-delivery", "true")
def test_simplified_key_delivery_skips_the_relay(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "bot")
        async with sympod.bdk("bot") as bot:
            await bot.bot_session().refresh()
            assert await bot.bot_session().key_manager_token == ""
            assert (await bot.sessions().get_session()).username == "bot"
    asyncio.run(scenario())


async def create_app(sympod, admin, app_id, permissions):
    """Registers an app, with a fresh key, through the SDK's application service (administrators only)."""
    public = sympod.new_key(app_id).read_text()
    detail = ApplicationDetail(
        application_info=ApplicationInfo(app_id=app_id, name=f"{app_id} app"),
        permissions=list(permissions),
        authentication_keys=AppAuthenticationKeys(current=AppAuthenticationKey(key=public)),
    )
    created = await admin.applications().create_application(detail)
    assert created.application_info.app_id == app_id
    return created


def test_an_app_acts_on_behalf_of_a_user_and_updates_her_message(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            alice = await sympod.create_user(admin, "alice", "Alice", "Martin")
            bob = await sympod.create_user(admin, "bob", "Bob", "Durand")
            await create_app(sympod, admin, "my-app", ["ACT_AS_USER", "SEND_MESSAGES"])
            await create_app(sympod, admin, "reader-app", ["ACT_AS_USER"])
        alice_id, bob_id = alice.user_system_info.id, bob.user_system_info.id
        async with sympod.bdk("alice") as alice_bdk:  # Alice herself (in real life: her Symphony client)
            im = await alice_bdk.streams().create_im(bob_id)
            draft = await alice_bdk.messages().send_message(im.id, "Draft: buy 100 EURUSD")

        # The app configures its own key only: no bot account at all.
        async with sympod.bdk(app_id="my-app") as app:
            session = app.obo(username="alice")
            claims = jwt.decode(await session.session_token, options={"verify_signature": False})
            assert claims["userId"] == alice_id
            async with app.obo_services(session) as obo:
                found = await obo.users().list_users_by_ids([alice_id])
                assert [u.username for u in found.users] == ["alice"]
                # The app updates Alice's message, as Alice, several times.
                final = await obo.messages().update_message(im.id, draft.message_id, "Final: buy 120 EURUSD")
                assert final.user.user_id == alice_id
                assert final.replacing == draft.message_id and final.initial_message_id == draft.message_id
                final = await obo.messages().update_message(im.id, final.message_id, "Final: buy 125 EURUSD")
                assert final.user.user_id == alice_id and final.initial_message_id == draft.message_id
                sent = await obo.messages().send_message(im.id, "Sent by my-app for Alice")
                assert sent.user.user_id == alice_id
            # Acting for Bob, the app cannot update Alice's message.
            async with app.obo_services(app.obo(user_id=bob_id)) as obo_bob:
                with pytest.raises(ForbiddenException) as refused:
                    await obo_bob.messages().update_message(im.id, final.message_id, "Bob was here")
                assert refused.value.status == 403 and json.loads(refused.value.body)["code"] == 403
        # An app without SEND_MESSAGES acts for Alice but cannot update her messages.
        async with sympod.bdk(app_id="reader-app") as reader:
            async with reader.obo_services(reader.obo(username="alice")) as obo:
                with pytest.raises(ForbiddenException) as refused:
                    await obo.messages().update_message(im.id, final.message_id, "Not allowed")
                assert refused.value.status == 403 and json.loads(refused.value.body)["code"] == 403

        async with sympod.bdk("bob") as bob_bdk:  # Bob reads the IM: Alice's updated message, and the app's
            listed = await bob_bdk.messages().list_messages(im.id)
            assert [(m.user.user_id, re.sub(r"<[^>]+>", "", m.message)) for m in listed] == [
                (alice_id, "Final: buy 125 EURUSD"), (alice_id, "Sent by my-app for Alice")]
    asyncio.run(scenario())
