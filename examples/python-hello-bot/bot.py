"""The smallest bot: log in to sympod with the official Python SDK and say who we are.

Usage: python bot.py CONFIG.yaml   (the quick start writes sympod-data/quickstart/demo-bot-config.yaml)
"""

import asyncio
import sys

from symphony.bdk.core.config.loader import BdkConfigLoader
from symphony.bdk.core.symphony_bdk import SymphonyBdk


async def main(config_path: str) -> None:
    config = BdkConfigLoader.load_from_file(config_path)
    async with SymphonyBdk(config) as bdk:
        await bdk.bot_session().refresh()
        me = await bdk.sessions().get_session()
        print(f"Logged in to sympod as {me.display_name} ({me.username}, user id {me.id}, company {me.company})")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "sympod-data/quickstart/demo-bot-config.yaml"))
