"""A viewer without a browser: Streamlit's own websocket protocol (`/_stcore/stream`, protobuf BackMsg and
ForwardMsg), enough to open a session, run a page with a query string and wait for the run's end.

The server cannot tell it from a browser's session: the same page script runs, with the same caches and
the same messages sent. Warm start (components/warm_start.py) visits every page with it, and the capacity
benchmark (benchmarks/capacity.py) drives many sessions with it without the browsers' cost."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect


@dataclass
class Run:
    """One run of a page script as the server reported it."""
    page: str
    seconds: float
    deltas: int = 0
    exceptions: list[str] = field(default_factory=list)  # messages of st.exception elements drawn
    finished: bool = False  # the server sent script_finished


def stream_address(base_url: str) -> str:
    """ws://host:port/<base path>/_stcore/stream for an http(s) base URL."""
    return base_url.replace("https://", "wss://", 1).replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"


class Session:
    """One viewer's session: each `run` is what a browser sends when a page is opened or its link changes."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None, timeout: float = 120):
        self.timeout = timeout
        self._connect = connect(stream_address(base_url), subprotocols=["streamlit"], additional_headers=headers or {},
                                max_size=None, open_timeout=timeout, proxy=None)
        self._socket: ClientConnection | None = None

    def run(self, page: str = "", query_string: str = "") -> Run:
        """Run `page` (its url path; "" for the default page) and read messages until the run ends."""
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = query_string
        started = time.perf_counter()
        self._socket.send(message.SerializeToString())
        run = Run(page, 0.0)
        while not run.finished:
            forward = ForwardMsg()
            forward.ParseFromString(self._socket.recv(timeout=self.timeout))
            kind = forward.WhichOneof("type")
            if kind == "delta":
                run.deltas += 1
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    run.exceptions.append(element.exception.message or element.exception.type)
            run.finished = kind == "script_finished"
        run.seconds = time.perf_counter() - started
        return run

    def __enter__(self) -> Session:
        self._socket = self._connect.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._connect.__exit__(*exc)
