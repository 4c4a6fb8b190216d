"""The seed flows through the SDK: IMs, rooms and their update rules, membership, search, lists."""

import asyncio
import json

import pytest
from symphony.bdk.gen.exceptions import BadRequestException, ForbiddenException
from symphony.bdk.gen.pod_model.feature import Feature
from symphony.bdk.gen.pod_model.stream_filter import StreamFilter
from symphony.bdk.gen.pod_model.stream_type import StreamType
from symphony.bdk.gen.pod_model.v2_room_search_criteria import V2RoomSearchCriteria
from symphony.bdk.gen.pod_model.v3_room_attributes import V3RoomAttributes

from harness import ADMIN


def test_ims_and_rooms_membership_search_and_lists_through_the_stream_service(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            owner = await sympod.create_bot(admin, "owner")
            bob = await sympod.create_bot(admin, "bob")
        owner_id, bob_id = owner.user_system_info.id, bob.user_system_info.id
        async with sympod.bdk("owner") as bot, sympod.bdk("bob") as bob_bdk:
            streams = bot.streams()
            im = await streams.create_im(bob_id)
            assert (await streams.create_im(bob_id)).id == im.id
            assert (await bob_bdk.streams().create_im(owner_id)).id == im.id, "one IM, from either side"
            info = await streams.get_im_info(im.id)
            assert info.im_system_info.id == im.id and info.im_system_info.active
            assert info.im_system_info.creation_date > 0
            assert (await bob_bdk.streams().get_im_info(im.id)).im_system_info.id == im.id

            room = await streams.create_room(V3RoomAttributes(name="FX Desk", description="spot", discoverable=True))
            room_id = room.room_system_info.id
            assert room.room_system_info.created_by_user_id == owner_id
            updated = await streams.update_room(room_id, V3RoomAttributes(copy_protected=True, view_history=True))
            assert updated.room_attributes.copy_protected and updated.room_attributes.view_history
            assert (await streams.get_room_info(room_id)).room_attributes.name == "FX Desk"

            async def membership():
                return {m.id: m.owner for m in await streams.list_room_members(room_id)}

            await streams.add_member_to_room(bob_id, room_id)
            assert await membership() == {owner_id: True, bob_id: False}
            await streams.promote_user_to_room_owner(bob_id, room_id)
            assert await membership() == {owner_id: True, bob_id: True}
            # Bob is an owner now: he may update the room.
            await bob_bdk.streams().update_room(room_id, V3RoomAttributes(description="spot and forwards"))
            await streams.demote_owner_to_room_participant(bob_id, room_id)
            assert await membership() == {owner_id: True, bob_id: False}
            with pytest.raises(ForbiddenException):
                await bob_bdk.streams().update_room(room_id, V3RoomAttributes(description="mine"))
            await streams.remove_member_from_room(bob_id, room_id)
            assert await membership() == {owner_id: True}

            await streams.create_room(V3RoomAttributes(name="Rates", description="swaps"))
            found = await streams.search_rooms(V2RoomSearchCriteria(query="fx"))
            assert [r.room_attributes.name for r in found.rooms] == ["FX Desk"]
            assert found.count == 1
            found = await bob_bdk.streams().search_rooms(V2RoomSearchCriteria(query="swaps"))
            assert [r.room_attributes.name for r in found.rooms] == ["Rates"], "discoverable: found by non-members"

            rooms = await streams.list_streams(StreamFilter(stream_types=[StreamType(type="ROOM")]))
            assert {s.id for s in rooms} == {room_id, found.rooms[0].room_system_info.id}
            ims = await streams.list_streams(StreamFilter(stream_types=[StreamType(type="IM")]))
            assert [s.id for s in ims] == [im.id]
            assert ims[0].stream_type.type == "IM"
            everything = await streams.list_streams(StreamFilter())
            assert len(everything) == 3
            bobs = await bob_bdk.streams().list_streams(StreamFilter(stream_types=[StreamType(type="ROOM")]))
            assert bobs is None, "Bob left FX Desk and never joined Rates: a 204, which the SDK answers as None"

            detail = await streams.set_room_active(room_id, False)
            assert detail.room_system_info.active is False
            inactive = await streams.list_streams(StreamFilter(stream_types=[StreamType(type="ROOM")]))
            assert room_id not in {s.id for s in inactive}
            with_inactive = await streams.list_streams(
                StreamFilter(stream_types=[StreamType(type="ROOM")], include_inactive_streams=True))
            assert room_id in {s.id for s in with_inactive}
    asyncio.run(scenario())


def test_a_v3_room_update_within_every_rule_is_accepted(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "owner")
            historian = await sympod.create_bot(admin, "historian")
            # "viewHistory: ... or if the calling user has the entitlement Can Toggle Room's Share History Property"
            await admin.users().update_feature_entitlements(
                historian.user_system_info.id, [Feature(entitlment="canUpdateRoomHistoryProperty", enabled=True)])
        async with sympod.bdk("owner") as bot:
            streams = bot.streams()
            private = (await streams.create_room(V3RoomAttributes(name="Desk"))).room_system_info.id
            public = (await streams.create_room(V3RoomAttributes(name="Lobby", public=True))).room_system_info.id
            cross = (await streams.create_room(V3RoomAttributes(name="Street", cross_pod=True))).room_system_info.id

            # copyProtected can be added to a room.
            detail = await streams.update_room(private, V3RoomAttributes(copy_protected=True))
            assert detail.room_attributes.copy_protected is True
            # discoverable and membersCanInvite may go false in a private room.
            detail = await streams.update_room(private, V3RoomAttributes(discoverable=False, members_can_invite=False))
            assert (detail.room_attributes.discoverable, detail.room_attributes.members_can_invite) == (False, False)
            # readOnly may change both ways in v3 (the legacy update made it read-only).
            assert (await streams.update_room(private, V3RoomAttributes(read_only=True))).room_attributes.read_only
            assert not (await streams.update_room(private, V3RoomAttributes(read_only=False))).room_attributes.read_only
            # viewHistory by its owner.
            detail = await streams.update_room(private, V3RoomAttributes(view_history=True))
            assert detail.room_attributes.view_history
            # name, description, keywords, groupChat, scheduledMeeting.
            detail = await streams.update_room(private, V3RoomAttributes(name="Desk 2", description="d",
                                                                         group_chat=True, scheduled_meeting=True))
            assert detail.room_attributes.name == "Desk 2" and detail.room_attributes.group_chat
            # The read-only attributes may be sent back at their current values, with a real change.
            detail = await streams.update_room(public, V3RoomAttributes(public=True, discoverable=True,
                                                                        members_can_invite=True, description="hall"))
            assert detail.room_attributes.public and detail.room_attributes.description == "hall"
            detail = await streams.update_room(cross, V3RoomAttributes(cross_pod=True, discoverable=False,
                                                                       name="Avenue"))
            assert detail.room_attributes.cross_pod and detail.room_attributes.name == "Avenue"
            await streams.add_member_to_room(historian.user_system_info.id, private)
        async with sympod.bdk("historian") as member:
            # A member holding the entitlement changes viewHistory, and only that.
            detail = await member.streams().update_room(private, V3RoomAttributes(view_history=False))
            assert detail.room_attributes.view_history is False
            with pytest.raises(ForbiddenException) as refused:
                await member.streams().update_room(private, V3RoomAttributes(view_history=True, name="Mine"))
            assert refused.value.status == 403
        async with sympod.bdk("owner") as bot:
            info = await bot.streams().get_room_info(private)
            assert (info.room_attributes.name, info.room_attributes.view_history) == ("Desk 2", False)
    asyncio.run(scenario())


def test_every_refusal_of_the_v3_update_reaches_the_sdk_as_its_exception(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            await sympod.create_bot(admin, "owner")
            member = await sympod.create_bot(admin, "member")
        async with sympod.bdk("owner") as bot:
            streams = bot.streams()
            async def create(**attributes):
                return (await streams.create_room(V3RoomAttributes(**attributes))).room_system_info.id
            public = await create(name="Lobby", public=True)
            private = await create(name="Desk", copy_protected=True)
            cross = await create(name="Street", cross_pod=True)
            multi = await create(name="Club", multi_lateral_room=True)
            rooms = {"public": public, "private": private, "cross-pod": cross, "multi-lateral": multi}
            before = {name: (await streams.get_room_info(rid)).room_attributes for name, rid in rooms.items()}
            await streams.add_member_to_room(member.user_system_info.id, private)

            def read_only(attribute):
                return f'Attribute "{attribute}" is read-only and cannot be changed'
            no_change = "The update request does not change any attribute of the room"
            refusals = [
                # public, crossPod, multiLateral: "associated with the room type, all read-only".
                ("public", V3RoomAttributes(public=False), read_only("public")),
                ("private", V3RoomAttributes(public=True), read_only("public")),
                ("private", V3RoomAttributes(cross_pod=True), read_only("crossPod")),
                ("cross-pod", V3RoomAttributes(cross_pod=False), read_only("crossPod")),
                ("private", V3RoomAttributes(multi_lateral_room=True), read_only("multiLateralRoom")),
                ("multi-lateral", V3RoomAttributes(multi_lateral_room=False), read_only("multiLateralRoom")),
                # copyProtected: "Once set to true, cannot be set to false".
                ("private", V3RoomAttributes(copy_protected=False),
                 'Attribute "copyProtected" cannot be set to false once it is true'),
                # discoverable: "cannot be true for crossPod rooms, and cannot be false for public rooms".
                ("cross-pod", V3RoomAttributes(discoverable=True),
                 'Attribute "discoverable" cannot be true for a cross-pod room'),
                ("public", V3RoomAttributes(discoverable=False),
                 'Attribute "discoverable" cannot be false for a public room'),
                # membersCanInvite: "cannot be false for public rooms".
                ("public", V3RoomAttributes(members_can_invite=False),
                 'Attribute "membersCanInvite" cannot be false for a public room'),
                # subType: "deprecated and cannot be changed".
                ("private", V3RoomAttributes(sub_type="EMAIL"),
                 'Attribute "subType" is deprecated and cannot be changed'),
                # "An error will be returned if no attributes are changed".
                ("private", V3RoomAttributes(name="Desk"), no_change),
                ("public", V3RoomAttributes(public=True, discoverable=True), no_change),
                ("private", V3RoomAttributes(pinned_message_id=""), no_change),  # nothing is pinned
                # sympod's own: a name is required, a pinned message must be one of the room's.
                ("private", V3RoomAttributes(name=""), 'Attribute "name" cannot be empty'),
            ]
            for room, attributes, message in refusals:
                with pytest.raises(BadRequestException) as refused:
                    await streams.update_room(rooms[room], attributes)
                assert refused.value.status == 400, (room, attributes)
                assert json.loads(refused.value.body) == {"code": 400, "message": message}, (room, attributes)
            with pytest.raises(BadRequestException) as refused:
                await streams.update_room(private, V3RoomAttributes(pinned_message_id="bm90LWEtbWVzc2FnZQ"))
            assert json.loads(refused.value.body)["message"].startswith("pinnedMessageId bm90LWEtbWVzc2FnZQ is not")

            after = {name: (await streams.get_room_info(rid)).room_attributes for name, rid in rooms.items()}
            assert after == before, "a refused update changes nothing"
        async with sympod.bdk("member") as other:
            # "Rooms can only be updated by owners of the room."
            with pytest.raises(ForbiddenException) as refused:
                await other.streams().update_room(private, V3RoomAttributes(name="Mine"))
            assert refused.value.status == 403
            assert json.loads(refused.value.body) == {"code": 403, "message": "Only owners of the room can update it"}
            # viewHistory: "only if the calling user is a room owner; or ... has the entitlement" (it does not).
            with pytest.raises(ForbiddenException) as refused:
                await other.streams().update_room(private, V3RoomAttributes(view_history=True))
            assert json.loads(refused.value.body) == {
                "code": 403, "message": 'Attribute "viewHistory" can be changed only by a room owner or by a user '
                                        "entitled to toggle the room's share history property"}
    asyncio.run(scenario())
