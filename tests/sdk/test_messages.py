"""Messages through the SDK: send with a file, read, list, update several times, pin and unpin (room and IM), search."""

import asyncio
import base64
import io
import json

import pytest
from symphony.bdk.gen.exceptions import BadRequestException

from symphony.bdk.gen.agent_model.message_search_query import MessageSearchQuery
from symphony.bdk.gen.pod_model.v1_im_attributes import V1IMAttributes
from symphony.bdk.gen.pod_model.v3_room_attributes import V3RoomAttributes

from harness import ADMIN


def test_send_update_several_times_pin_unpin_and_read_back_through_the_sdk(sympod):
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
            assert base64.b64decode(body) == b"quarterly numbers"

            await bot.streams().update_room(room_id, V3RoomAttributes(pinned_message_id=sent.message_id))
            current = sent
            for i in range(3):
                previous = current
                current = await bot.messages().update_message(room_id, current.message_id, f"edit {i}")
                assert current.message_id != previous.message_id and current.replacing == previous.message_id
                assert current.initial_message_id == sent.message_id
                assert current.initial_timestamp == sent.timestamp
                assert f"edit {i}" in current.message
            # Only the newest version can be updated.
            with pytest.raises(BadRequestException) as refused:
                await bot.messages().update_message(room_id, previous.message_id, "too late")
            assert refused.value.status == 400 and current.message_id in json.loads(refused.value.body)["message"]
            info = await bot.streams().get_room_info(room_id)
            assert info.room_attributes.pinned_message_id == current.message_id

            first = await bot.messages().get_message(sent.message_id)
            assert first.replaced_by is not None and "Hello" in first.message
            assert "edit 2" in (await bot.messages().get_message(current.message_id)).message
            listed = await bot.messages().list_messages(room_id)
            assert [m.message_id for m in listed] == [current.message_id]

            # Unpin: "send an empty string".
            detail = await bot.streams().update_room(room_id, V3RoomAttributes(pinned_message_id=""))
            assert not detail.room_attributes.pinned_message_id
            assert not (await bot.streams().get_room_info(room_id)).room_attributes.pinned_message_id

            im = await bot.streams().create_im(bob.user_system_info.id)
            pinned = await bot.messages().send_message(im.id, "pin me")
            detail = await bot.streams().update_im(im.id, V1IMAttributes(pinned_message_id=pinned.message_id))
            assert detail.v1_im_attributes.pinned_message_id == pinned.message_id
            info = await bot.streams().get_im_info(im.id)
            assert info.v1_im_attributes.pinned_message_id == pinned.message_id
            assert info.im_system_info.id == im.id and info.im_system_info.active
            # The pin follows the message through its updates.
            edited = await bot.messages().update_message(im.id, pinned.message_id, "pinned, edited")
            info = await bot.streams().get_im_info(im.id)
            assert info.v1_im_attributes.pinned_message_id == edited.message_id
            # "Returns an error when the call doesn't include an update to at least one editable attribute."
            with pytest.raises(BadRequestException) as refused:
                await bot.streams().update_im(im.id, V1IMAttributes(pinned_message_id=edited.message_id))
            assert refused.value.status == 400 and json.loads(refused.value.body)["code"] == 400
            detail = await bot.streams().update_im(im.id, V1IMAttributes(pinned_message_id=""))
            assert not detail.v1_im_attributes.pinned_message_id
        async with sympod.bdk("bob") as bob_bdk:
            # The other member reads the IM's info: nothing pinned any more.
            info = await bob_bdk.streams().get_im_info(im.id)
            assert info.im_system_info.id == im.id and not info.v1_im_attributes.pinned_message_id
        async with sympod.bdk("bot") as bot:

            found = await bot.messages().search_messages(MessageSearchQuery(stream_id=room_id, text="edit"))
            assert [m.message_id for m in found] == [current.message_id]
    asyncio.run(scenario())
