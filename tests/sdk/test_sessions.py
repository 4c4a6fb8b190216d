"""Sessions as the SDK lives them: expiry and re-login, simplified key delivery, on-behalf-of."""

import asyncio

import jwt
import pytest
from symphony.bdk.gen.pod_model.app_authentication_key import AppAuthenticationKey
from symphony.bdk.gen.pod_model.app_authentication_keys import AppAuthenticationKeys
from symphony.bdk.gen.pod_model.application_detail import ApplicationDetail
from symphony.bdk.gen.pod_model.application_info import ApplicationInfo

from harness import ADMIN


@pytest.mark.sympod_args("--session-lifetime", "6")
def test_the_sdk_logs_in_again_when_its_session_expires(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "bot")
        async with sympod.bdk("bot") as bot:
            first = await bot.sessions().get_session()
            token = await bot.bot_session().session_token
            await asyncio.sleep(7)  # the real clock: sessions last 6 s, longer than the SDK's 2 s retry backoff
            again = await bot.sessions().get_session()  # 401, re-login, retried
            assert again.id == first.id
            assert await bot.bot_session().session_token != token
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


def test_an_app_acts_on_behalf_of_a_user(sympod):
    async def scenario():
        app_public = sympod.new_key("my-app").read_text()
        async with sympod.bdk(ADMIN) as admin:
            alice = await sympod.create_bot(admin, "alice")
            detail = ApplicationDetail(
                application_info=ApplicationInfo(app_id="my-app", name="My App"),
                permissions=["ACT_AS_USER", "SEND_MESSAGES"],
                authentication_keys=AppAuthenticationKeys(current=AppAuthenticationKey(key=app_public)),
            )
            created = await admin.applications().create_application(detail)
            assert created.application_info.app_id == "my-app"
        async with sympod.bdk(ADMIN, app_id="my-app") as bdk:
            session = bdk.obo(username="alice")
            claims = jwt.decode(await session.session_token, options={"verify_signature": False})
            assert claims["userId"] == alice.user_system_info.id
            by_id = bdk.obo(user_id=alice.user_system_info.id)
            async with bdk.obo_services(by_id) as obo:
                found = await obo.users().list_users_by_ids([alice.user_system_info.id])
                assert [u.username for u in found.users] == ["alice"]
    asyncio.run(scenario())
