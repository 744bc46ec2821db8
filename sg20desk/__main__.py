"""Start sg20desk: ``python -m sg20desk``, the ``sg20desk`` command and the built
application all begin in :func:`run`."""

import gc


def run() -> int:
    # Loading SQLAlchemy (and Qt, for the window) creates tens of thousands of objects that
    # live as long as the process. The cyclic collector would pass over them again and again
    # while they load, freeing nothing: a tenth of a short command's time. So it waits until
    # they are loaded, and they are then frozen out of its later passes.
    gc.disable()
    from sg20desk.cli import main

    gc.freeze()
    gc.enable()
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
