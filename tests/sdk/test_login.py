"""The first contact of a bot with sympod: log in as the SDK does, read the session."""

import asyncio

from harness import ADMIN


def test_a_bot_provisioned_by_the_admin_logs_in_and_reads_its_session(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            created = await sympod.create_bot(admin, "echo-bot")
        bot_id = created.user_system_info.id
        async with sympod.bdk("echo-bot") as bot:
            await bot.bot_session().refresh()  # login, then the key manager relay
            assert await bot.bot_session().key_manager_token
            info = await bot.sessions().get_session()
            assert info.id == bot_id
            assert info.username == "echo-bot"
            assert info.display_name == "echo-bot bot"
    asyncio.run(scenario())


def test_the_admin_reads_back_what_it_provisioned_through_the_sdk(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            created = await sympod.create_bot(admin, "reporter", roles=["INDIVIDUAL", "CONTENT_MANAGEMENT"])
            detail = await admin.users().get_user_detail(created.user_system_info.id)
            assert detail.user_attributes.user_name == "reporter"
            assert set(detail.roles) == {"INDIVIDUAL", "CONTENT_MANAGEMENT"}
            found = await admin.users().list_users_by_ids([created.user_system_info.id])
            assert [u.username for u in found.users] == ["reporter"]
    asyncio.run(scenario())
