import pytest

from harness import Sympod


@pytest.fixture
def sympod(request):
    """A fresh sympod; `@pytest.mark.sympod_args(...)` passes extra `sympod serve` flags."""
    marker = request.node.get_closest_marker("sympod_args")
    server = Sympod(*(marker.args if marker else ()))
    yield server
    server.stop()


def pytest_configure(config):
    config.addinivalue_line("markers", "sympod_args(*args): extra flags for sympod serve")
