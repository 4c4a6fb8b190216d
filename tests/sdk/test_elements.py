"""Symphony Elements: a bot sends a form, a user submits it, the bot hears SYMPHONYELEMENTSACTION and answers."""

import asyncio
import json
import urllib.request

import pytest
from symphony.bdk.core.service.datafeed.real_time_event_listener import RealTimeEventListener

from harness import ADMIN, eventually, start_loop, stop_loop

FORM = """<messageML>
  <h3>New order</h3>
  <form id="order">
    <text-field name="quantity" placeholder="How many?" required="true"/>
    <select name="side"><option value="buy" selected="true">Buy</option><option value="sell">Sell</option></select>
    <checkbox name="urgent" value="yes">Urgent</checkbox>
    <button name="place" type="action">Place</button>
    <button type="reset">Clear</button>
  </form>
</messageML>"""


class OrderDesk(RealTimeEventListener):
    """Hears the submitted forms and answers each by updating the form's message."""

    def __init__(self, bdk):
        self.bdk = bdk
        self.actions = []

    async def on_symphony_elements_action(self, initiator, event):
        self.actions.append((initiator.user.user_id, event))
        values = event.form_values
        await self.bdk.messages().update_message(
            event.stream.stream_id, event.form_message_id, f"Order placed: {values['quantity']} {values['side']}")


async def submit_form(sympod, user_bdk, stream_id, message_id, form_id, values):
    """What the Symphony client does when the user clicks a form's button. The SDK has no call for it (users submit
    forms in the client, not through the API), so this is the suite's only raw HTTP: sympod's own endpoint, with the
    user's session token as the SDK obtained it."""
    session_token = await user_bdk.bot_session().session_token
    request = urllib.request.Request(
        f"http://127.0.0.1:{sympod.port}/agent/v1/stream/{stream_id}/message/{message_id}/form/{form_id}/submit",
        data=json.dumps(values).encode(), method="POST",
        headers={"Content-Type": "application/json", "sessionToken": session_token})
    return await asyncio.to_thread(lambda: json.loads(urllib.request.urlopen(request, timeout=10).read()))


@pytest.mark.sympod_args("--datafeed-wait-ms", "500")
def test_a_user_submits_a_bots_form_and_the_bot_receives_the_elements_action(sympod):
    async def scenario():
        async with sympod.bdk(ADMIN) as admin:
            bot = await sympod.create_bot(admin, "order-bot")
            user = await sympod.create_bot(admin, "trader")
        async with sympod.bdk("order-bot") as bot_bdk, sympod.bdk("trader") as user_bdk:
            desk = OrderDesk(bot_bdk)
            loop, running = await start_loop(bot_bdk, desk)

            im = await bot_bdk.streams().create_im(user.user_system_info.id)
            form = await bot_bdk.messages().send_message(im.id, FORM)
            assert 'id="order"' in form.message and 'name="place"' in form.message

            # The user sees the form in the IM, fills it in and clicks "Place".
            [seen] = [m for m in await user_bdk.messages().list_messages(im.id) if m.message_id == form.message_id]
            assert "quantity" in seen.message
            values = {"quantity": "300", "side": "sell", "urgent": "yes", "action": "place"}
            await submit_form(sympod, user_bdk, im.id, form.message_id, "order", values)

            [(initiator, action)] = await eventually(lambda: desk.actions)
            assert initiator == user.user_system_info.id
            assert action.form_id == "order"
            assert action.form_message_id == form.message_id
            assert action.stream.stream_id == im.id and action.stream.stream_type == "IM"
            assert action.form_values == values

            # The bot's answer: the form's message now reads as placed, for the user too.
            async def answered():
                latest = await user_bdk.messages().list_messages(im.id)
                return [m for m in latest if "Order placed: 300 sell" in m.message]
            [answer] = await eventually(answered)
            assert answer.initial_message_id == form.message_id and answer.user.user_id == bot.user_system_info.id

            await stop_loop(loop, running)
            assert len(desk.actions) == 1
    asyncio.run(scenario())
