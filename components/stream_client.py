"""A viewer without a browser: Streamlit's own websocket protocol (`/_stcore/stream`, protobuf BackMsg and
ForwardMsg), enough to open a session, run a page with a query string and wait for the run's end.

The server cannot tell it from a browser's session: the same page script runs, with the same caches and
the same messages sent. Warm start (components/warm_start.py) visits every page with it, and the capacity
benchmark (benchmarks/capacity.py) drives many sessions with it without the browsers' cost."""

from __future__ import annotations

import time
import urllib.request
import uuid
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
    downloads: dict[str, str] = field(default_factory=dict)  # download button label -> its deferred file id


def stream_address(base_url: str) -> str:
    """ws://host:port/<base path>/_stcore/stream for an http(s) base URL."""
    return base_url.replace("https://", "wss://", 1).replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"


class Session:
    """One viewer's session: each `run` is what a browser sends when a page is opened or its link changes."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None, timeout: float = 120):
        self.base_url, self.timeout, self.session_id = base_url.rstrip("/"), timeout, ""
        self._connect = connect(stream_address(base_url), subprotocols=["streamlit"], additional_headers=headers or {},
                                max_size=None, open_timeout=timeout, proxy=None)
        self._socket: ClientConnection | None = None

    def run(self, page: str = "", query_string: str = "") -> Run:
        """Run `page` (its url path; "" for the default page) and read messages until the run ends."""
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = query_string
        # the address a browser reports (st.context.url): pages build their share links from it
        message.rerun_script.context_info.url = f"{self.base_url}/{page}" + (f"?{query_string}" if query_string else "")
        started = time.perf_counter()
        self._socket.send(message.SerializeToString())
        run = Run(page, 0.0)
        while not run.finished:
            forward = self._receive()
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
            elif kind == "delta":
                self._read_element(forward.delta.new_element, run)
            run.finished = kind == "script_finished"
        run.seconds = time.perf_counter() - started
        return run

    def download(self, file_id: str) -> bytes:
        """What a click on a download button built when clicked (data given as a callable) fetches: the
        server runs the callable, answers with the file's address, and the file is read from there."""
        message = BackMsg()
        request = message.backend_operation_request
        request.request_id, request.session_id = uuid.uuid4().hex, self.session_id
        request.deferred_file.file_id = file_id
        self._socket.send(message.SerializeToString())
        while True:
            forward = self._receive()
            answer = forward.backend_operation_response
            if forward.WhichOneof("type") == "backend_operation_response" and answer.request_id == request.request_id:
                break
        if answer.error_msg:
            raise RuntimeError(f"the server could not build the file: {answer.error_msg}")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(self.base_url + answer.deferred_file.url, timeout=self.timeout) as response:
            return response.read()

    def _receive(self) -> ForwardMsg:
        forward = ForwardMsg()
        forward.ParseFromString(self._socket.recv(timeout=self.timeout))
        return forward

    @staticmethod
    def _read_element(element, run: Run) -> None:
        run.deltas += 1
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(element.exception.message or element.exception.type)
        elif kind == "download_button" and element.download_button.deferred_file_id:
            run.downloads[element.download_button.label] = element.download_button.deferred_file_id

    def __enter__(self) -> Session:
        self._socket = self._connect.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._connect.__exit__(*exc)
