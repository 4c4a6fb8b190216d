"""Messages through the SDK: send with a file, read, list, update several times, pin, search."""

import asyncio
import io

from symphony.bdk.gen.agent_model.message_search_query import MessageSearchQuery
from symphony.bdk.gen.pod_model.v1_im_attributes import V1IMAttributes
from symphony.bdk.gen.pod_model.v3_room_attributes import V3RoomAttributes

from harness import ADMIN


def test_send_update_pin_and_read_back_through_the_message_service(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "bot")
            bob = await sympod.create_bot(admin, "bob")
        async with sympod.bdk("bot") as bot:
            room = await bot.streams().create_room(V3RoomAttributes(name="Desk"))
            room_id = room.room_system_info.id
            file = io.BytesIO(b"quarterly numbers")
            file.name = "report.txt"
            sent = await bot.messages().send_message(room_id, "Hello <b>world</b> #fx", attachment=[file])
            assert sent.attachments[0].name == "report.txt"
            body = await bot.messages().get_attachment(room_id, sent.message_id, sent.attachments[0].id)
            assert body  # base64 of the file

            await bot.streams().update_room(room_id, V3RoomAttributes(pinned_message_id=sent.message_id))
            current = sent
            for i in range(3):
                current = await bot.messages().update_message(room_id, current.message_id, f"edit {i}")
                assert current.initial_message_id == sent.message_id
            assert current.replacing is not None
            info = await bot.streams().get_room_info(room_id)
            assert info.room_attributes.pinned_message_id == current.message_id

            first = await bot.messages().get_message(sent.message_id)
            assert first.replaced_by is not None
            listed = await bot.messages().list_messages(room_id)
            assert [m.message_id for m in listed] == [current.message_id]

            im = await bot.streams().create_im(bob.user_system_info.id)
            pinned = await bot.messages().send_message(im.id, "pin me")
            detail = await bot.streams().update_im(im.id, V1IMAttributes(pinned_message_id=pinned.message_id))
            assert detail.v1_im_attributes.pinned_message_id == pinned.message_id

            found = await bot.messages().search_messages(MessageSearchQuery(stream_id=room_id, text="edit"))
            assert [m.message_id for m in found] == [current.message_id]
    asyncio.run(scenario())
