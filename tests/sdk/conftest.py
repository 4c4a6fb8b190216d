import shutil

import pytest

from harness import Sympod


@pytest.fixture
def sympod(request):
    """A fresh sympod; `@pytest.mark.sympod_args(...)` passes extra `sympod serve` flags, and
    `@pytest.mark.sympod_file_database` keeps its data in a SQLite file, so that `sympod.restart()` finds it."""
    marker = request.node.get_closest_marker("sympod_args")
    file_database = request.node.get_closest_marker("sympod_file_database") is not None
    server = Sympod(*(marker.args if marker else ()), file_database=file_database)
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)  # keys, configs, the SQLite file


def pytest_configure(config):
    config.addinivalue_line("markers", "sympod_args(*args): extra flags for sympod serve")
    config.addinivalue_line("markers", "sympod_file_database: a SQLite file that survives sympod.restart()")
