"""The seed flows through the SDK: IMs, rooms and their update rules, membership, search, lists."""

import asyncio
import json

import pytest
from symphony.bdk.gen.exceptions import BadRequestException, ForbiddenException
from symphony.bdk.gen.pod_model.stream_filter import StreamFilter
from symphony.bdk.gen.pod_model.stream_type import StreamType
from symphony.bdk.gen.pod_model.v2_room_search_criteria import V2RoomSearchCriteria
from symphony.bdk.gen.pod_model.v3_room_attributes import V3RoomAttributes

from harness import ADMIN


def test_ims_and_rooms_through_the_stream_service(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "owner")
            bob = await sympod.create_bot(admin, "bob")
        bob_id = bob.user_system_info.id
        async with sympod.bdk("owner") as bot:
            streams = bot.streams()
            im = await streams.create_im(bob_id)
            assert (await streams.create_im(bob_id)).id == im.id
            info = await streams.get_im_info(im.id)
            assert info.im_system_info.id == im.id and info.im_system_info.active

            room = await streams.create_room(V3RoomAttributes(name="FX Desk", description="spot", discoverable=True))
            room_id = room.room_system_info.id
            updated = await streams.update_room(room_id, V3RoomAttributes(copy_protected=True, view_history=True))
            assert updated.room_attributes.copy_protected and updated.room_attributes.view_history
            assert (await streams.get_room_info(room_id)).room_attributes.name == "FX Desk"

            await streams.add_member_to_room(bob_id, room_id)
            await streams.promote_user_to_room_owner(bob_id, room_id)
            await streams.demote_owner_to_room_participant(bob_id, room_id)
            members = await streams.list_room_members(room_id)
            assert {m.id for m in members} >= {bob_id}
            await streams.remove_member_from_room(bob_id, room_id)

            found = await streams.search_rooms(V2RoomSearchCriteria(query="fx"))
            assert [r.room_attributes.name for r in found.rooms] == ["FX Desk"]
            listed = await streams.list_streams(StreamFilter(stream_types=[StreamType(type="ROOM")]))
            assert [s.id for s in listed] == [room_id]
            detail = await streams.set_room_active(room_id, False)
            assert detail.room_system_info.active is False
    asyncio.run(scenario())


def test_every_refusal_of_the_v3_update_reaches_the_sdk_as_its_exception(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "owner")
            member = await sympod.create_bot(admin, "member")
        async with sympod.bdk("owner") as bot:
            streams = bot.streams()
            public = await streams.create_room(V3RoomAttributes(name="Lobby", public=True))
            room_id = public.room_system_info.id
            await streams.add_member_to_room(member.user_system_info.id, room_id)
            refusals = [
                (V3RoomAttributes(public=False), "\"public\" is read-only"),
                (V3RoomAttributes(discoverable=False), "\"discoverable\" cannot be false for a public room"),
                (V3RoomAttributes(members_can_invite=False), "\"membersCanInvite\" cannot be false for a public room"),
                (V3RoomAttributes(sub_type="EMAIL"), "\"subType\" is deprecated"),
                (V3RoomAttributes(name="Lobby"), "does not change any attribute"),
            ]
            for attributes, words in refusals:
                with pytest.raises(BadRequestException) as refused:
                    await streams.update_room(room_id, attributes)
                assert refused.value.status == 400
                body = json.loads(refused.value.body)
                assert body["code"] == 400 and words in body["message"], body
            await streams.update_room(room_id, V3RoomAttributes(copy_protected=True))
            with pytest.raises(BadRequestException):
                await streams.update_room(room_id, V3RoomAttributes(copy_protected=False))
        async with sympod.bdk("member") as other:
            with pytest.raises(ForbiddenException) as refused:
                await other.streams().update_room(room_id, V3RoomAttributes(name="Mine"))
            assert json.loads(refused.value.body)["message"] == "Only owners of the room can update it"
    asyncio.run(scenario())
