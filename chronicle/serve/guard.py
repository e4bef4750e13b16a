"""What keeps `serve` alive and private: no thread dies silently, and only its own host names are answered.

Every thread of `serve` (the watcher, the update it runs, the warm-up, the background build of
site/) reports an unexpected exception the way a broken build is reported: one line in the
terminal and in the browser's overlay. Then it goes on, so fixing the file updates the page.

A page of another site can make a browser send requests here under its own host name (DNS
rebinding) and read the answers; requests whose Host header is not this server's are refused,
livereload's own endpoints (its script, /forcereload and the /livereload websocket) included.
"""
from __future__ import annotations

import ipaddress
import threading
from typing import TYPE_CHECKING, Callable, TextIO, TypeVar

from .overlay import BuildStatus

if TYPE_CHECKING:  # livereload and tornado are imported only when serve runs
    from livereload import Server
    from tornado.web import RequestHandler

T = TypeVar("T")
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
_WILDCARDS = ("", "0.0.0.0", "::")  # listening on every interface: reached by any of its addresses


def crash_line(what: str, exc: BaseException) -> str:
    """One line naming the step that failed and the exception (a bug in chronicle: worth reporting)."""
    message = " ".join(str(exc).split())[:300] or "no message"
    return f"error: serve: {what} failed ({type(exc).__name__}: {message}); still watching; please report this"


def report_crash(what: str, exc: BaseException, status: BuildStatus, err: TextIO) -> None:
    """Show the failure in the overlay and the terminal."""
    line = crash_line(what, exc)
    status.lines = [line]
    print(line, file=err, flush=True)


def guarded(what: str, step: Callable[..., T], status: BuildStatus, err: TextIO,
            failed: T = None) -> Callable[..., T]:
    """step, reporting any exception (and returning failed) instead of ending the thread that runs it."""
    def run(*args: object) -> T:
        try:
            return step(*args)
        except Exception as exc:  # noqa: BLE001 (any bug: reported, and the thread goes on)
            report_crash(what, exc, status, err)
            return failed
    return run


def host_allowed(header: str, host: str, port: int) -> bool:
    """True if a Host header names this server: its bound name, a local name or (on every interface) an IP."""
    name, given_port = _split_host(header.strip().lower())
    if given_port != str(port) and not (given_port == "" and port == 80):
        return False
    bound = f"[{host.lower()}]" if ":" in host else host.lower()
    if name in (bound, *LOCAL_NAMES):
        return True
    return host in _WILDCARDS and _is_ip(name)  # a rebinding attack needs a name, never an address


def refuse_foreign_host(handler: "RequestHandler", host: str, port: int) -> bool:
    """Answer 403 (and True) if the request's Host header does not name this server; call it in prepare()."""
    if host_allowed(handler.request.host, host, port):
        return False
    handler.set_status(403)
    handler.set_header("Content-Type", "text/plain; charset=utf-8")
    handler.finish(f"403: this preview answers only http://{host}:{port}/ and localhost, "
                   f"not the host name {handler.request.host[:100]!r}\n")
    return True


def host_checked_server(host: str, port: int, watcher: object, site_handler: type) -> "Server":
    """livereload's Server, with the Host header checked on every endpoint, its websocket's handshake too.

    livereload routes /livereload, /livereload.js and /forcereload to handlers of its own, ahead of
    the site's: its application() is rebuilt here (as in livereload 2.7) with checked subclasses.
    """
    from livereload import Server
    from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
    from livereload.server import LiveScriptInjector
    from tornado import escape, web

    def checked(base: type) -> type:
        class Checked(base):  # type: ignore[misc, valid-type]
            def prepare(self) -> None:  # noqa: D102 (tornado's API; a finished request skips its method)
                if not refuse_foreign_host(self, host, port):
                    super().prepare()
        Checked.__name__ = f"HostChecked{base.__name__}"
        return Checked

    class HostCheckedServer(Server):
        def application(self, port: int, host: str, liveport: int | None = None, debug: bool | None = None,
                        live_css: bool = True) -> None:  # noqa: D102 (livereload's API)
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css

            class Injector(LiveScriptInjector):
                script = _LIVE_SCRIPT

            handlers = [(r"/livereload", checked(LiveReloadHandler)),
                        (r"/forcereload", checked(ForceReloadHandler)),
                        (r"/livereload.js", checked(LiveReloadJSHandler))] + self.get_web_handlers(_LIVE_SCRIPT)
            web.Application(handlers=handlers, debug=False, transforms=[Injector]).listen(port, address=host)

    _LIVE_SCRIPT = escape.utf8(  # livereload's own snippet: its script from this page's host and port
        '<script type="text/javascript">(function(){var s=document.createElement("script");'
        'var port=(window.location.port || (window.location.protocol == \'https:\' ? 443: 80));'
        's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
        'document.head.appendChild(s);})();</script>')
    server = HostCheckedServer(watcher=watcher)
    server.SFH = site_handler
    return server


def _split_host(header: str) -> tuple[str, str]:
    """('name', 'port') from 'name:port', '[::1]:port' or a bare name ('' for a missing port)."""
    if header.startswith("["):
        close = header.find("]") + 1
        name, rest = header[:close], header[close:]
        return (name, rest[1:]) if rest.startswith(":") or not rest else ("", "?")
    name, _, given_port = header.partition(":")
    return name, given_port


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.removeprefix("[").removesuffix("]"))
    except ValueError:
        return False
    return True


def report_thread_crashes(status: BuildStatus, err: TextIO) -> None:
    """The last resort for an exception no guard caught: one line, no traceback, in the overlay too."""
    def hook(args: threading.ExceptHookArgs) -> None:
        if not issubclass(args.exc_type, SystemExit):
            what = args.thread.name if args.thread else "a thread"
            report_crash(what, args.exc_value or args.exc_type(), status, err)
    threading.excepthook = hook
