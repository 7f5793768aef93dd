"""A Hugging Face Hub look-alike on 127.0.0.1, for the hub path of the ``huggingface`` connector.

It speaks the part of the Hub API that ``HfApi().dataset_info`` and ``datasets.load_dataset``
(streaming or not) were seen to request for a dataset repository of plain files (no Xet, no
LFS pointers), with huggingface_hub 2.4 and datasets 5.2:

- ``GET /api/datasets/{repo}`` and ``/api/datasets/{repo}/revision/{rev}``: the repo's info
  (``id``, ``sha``, ``siblings``, ``cardData`` from the README's YAML front matter, ...);
- ``GET /api/datasets/{repo}/tree/{rev}[/{folder}]``: the folder's entries in one page (every
  entry below it with ``recursive=true``), which is how data files are found;
- ``HEAD`` / ``GET /datasets/{repo}/resolve/{rev}/{path}``: the file with ``ETag``,
  ``X-Repo-Commit`` and ``Content-Length``; ``Range`` requests (206) serve streaming. A file
  the repo lacks answers 404 ``EntryNotFound``: datasets probes for a loading script,
  ``.huggingface.yaml`` and ``dataset_infos.json``.

A missing repo or revision answers 404 with the ``X-Error-Code`` huggingface_hub turns into
``RepositoryNotFoundError`` or ``RevisionNotFoundError``. Every commit of a repo stays
readable by its sha and ``main`` names the last one; a commit's sha is the SHA-1 of its files'
paths and contents, so it is stable across runs and changes when a file does. Each request is
logged (method, path, query, status, range) so tests can assert what was fetched; a request
no endpoint here matches answers 404 and is logged as not ``routed``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

_DATE = "2026-11-02T08:00:00.000Z"
_REVISION = r"(?P<rev>[^/]+)"
_REPO = r"(?P<repo>[^/]+/[^/]+)"
_API_INFO = re.compile(rf"^/api/datasets/{_REPO}(?:/revision/{_REVISION})?$")
_API_TREE = re.compile(rf"^/api/datasets/{_REPO}/tree/{_REVISION}(?:/(?P<path>.+))?$")
_RESOLVE = re.compile(rf"^/datasets/{_REPO}/resolve/{_REVISION}/(?P<path>.+)$")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass(frozen=True)
class Commit:
    sha: str
    files: dict[str, bytes]


def _git_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Repo:
    """A dataset repository: its commits, oldest first."""

    commits: list[Commit] = field(default_factory=list)

    def commit(self, files: dict[str, bytes]) -> str:
        """Record a new commit with these files (the whole tree) and return its sha."""
        digest = hashlib.sha1()
        for path in sorted(files):
            digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
        sha = digest.hexdigest()
        self.commits.append(Commit(sha, dict(files)))
        return sha

    def at(self, revision: str) -> Commit | None:
        if revision == "main" and self.commits:
            return self.commits[-1]
        return next((c for c in self.commits if c.sha == revision), None)


@dataclass
class Hit:
    method: str
    path: str  # unquoted
    query: str
    status: int
    routed: bool  # False: no endpoint of this hub matches (a client asks for more than it speaks)
    range: str | None = None


@dataclass
class Hub:
    """The repos and the request log; start the server with :meth:`serve`."""

    repos: dict[str, Repo] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def repo(self, repo_id: str) -> Repo:
        return self.repos.setdefault(repo_id, Repo())

    def log(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def revisions_fetched(self) -> set[str]:
        """The revisions named by the file requests (HEAD or GET on resolve) logged so far."""
        with self._lock:
            return {h.path.split("/resolve/", 1)[1].split("/", 1)[0] for h in self.hits
                    if "/resolve/" in h.path}  # fmt: skip

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()

    @contextlib.contextmanager
    def serve(self) -> Iterator[Hub]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


def _entries(commit: Commit, folder: str, recursive: bool) -> list[dict[str, object]]:
    """The tree entries below ``folder`` (files, and the folders on their paths)."""
    prefix = f"{folder}/" if folder else ""
    found: dict[str, dict[str, object]] = {}
    for path, data in sorted(commit.files.items()):
        if not path.startswith(prefix):
            continue
        parts = path[len(prefix) :].split("/")
        depth = len(parts) if recursive else 1
        for i in range(1, min(depth, len(parts) - 1) + 1):
            name = prefix + "/".join(parts[:i])
            found.setdefault(name, _folder(commit, name))
        if recursive or len(parts) == 1:
            found[path] = _file(path, data)
    return [found[k] for k in sorted(found)]


def _file(path: str, data: bytes) -> dict[str, object]:
    return {"type": "file", "oid": _git_sha(data), "size": len(data), "path": path}


def _folder(commit: Commit, path: str) -> dict[str, object]:
    inside = "".join(f"{p}:{_git_sha(d)}" for p, d in sorted(commit.files.items())
                     if p.startswith(path + "/"))  # fmt: skip
    return {"type": "directory", "oid": hashlib.sha1(inside.encode()).hexdigest(), "size": 0,
            "path": path}  # fmt: skip


def _card_data(commit: Commit) -> dict[str, object] | None:
    """The YAML front matter of README.md, as the Hub returns it in ``cardData``."""
    readme = commit.files.get("README.md", b"").decode("utf-8")
    if not readme.startswith("---\n"):
        return None
    front = readme[4:].split("\n---", 1)[0]
    loaded = yaml.safe_load(front)
    return loaded if isinstance(loaded, dict) else None


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # the hub's own log is the record; keep test output quiet

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_GET(self) -> None:
            self._answer(head=False)

        def do_POST(self) -> None:  # neither client posts to read a dataset; log it if one does
            path = unquote(urlsplit(self.path).path)
            self._send(404, {"error": "not found"}, "POST", path, routed=False)

        def _commit(self, repo_id: str, revision: str) -> Commit | None:
            repo = hub.repos.get(repo_id)
            return repo.at(revision) if repo is not None else None

        def _answer(self, head: bool) -> None:
            method = "HEAD" if head else "GET"
            split = urlsplit(self.path)
            raw, query = split.path, parse_qs(split.query)
            path = unquote(raw)  # revisions and folders come quoted: match first, then unquote
            if m := _RESOLVE.match(raw):
                return self._resolve(m["repo"], unquote(m["rev"]), unquote(m["path"]), head, path)
            if m := _API_TREE.match(raw):
                commit = self._commit(m["repo"], unquote(m["rev"]))
                if commit is None:
                    return self._send(404, {"error": "not found"}, method, path,
                                      error_code="RevisionNotFound")  # fmt: skip
                recursive = query.get("recursive", ["false"])[0].lower() == "true"
                folder = unquote(m["path"] or "").strip("/")
                if folder and not any(p.startswith(folder + "/") for p in commit.files):
                    return self._send(404, {"error": "not found"}, method, path,
                                      error_code="EntryNotFound")  # fmt: skip
                return self._send(200, _entries(commit, folder, recursive), method, path)
            if m := _API_INFO.match(raw):
                repo = hub.repos.get(m["repo"])
                if repo is None:
                    return self._send(404, {"error": "Repository not found"}, method, path,
                                      error_code="RepoNotFound")  # fmt: skip
                commit = repo.at(unquote(m["rev"] or "main"))
                if commit is None:
                    return self._send(404, {"error": "Invalid rev id"}, method, path,
                                      error_code="RevisionNotFound")  # fmt: skip
                info = {
                    "_id": hashlib.sha1(m["repo"].encode()).hexdigest()[:24],
                    "id": m["repo"],
                    "author": m["repo"].split("/")[0],
                    "sha": commit.sha,
                    "lastModified": _DATE,
                    "createdAt": _DATE,
                    "private": False,
                    "gated": False,
                    "disabled": False,
                    "downloads": 0,
                    "likes": 0,
                    "tags": [],
                    "cardData": _card_data(commit),
                    "siblings": [{"rfilename": p} for p in sorted(commit.files)],
                }
                return self._send(200, info, method, path)
            self._send(404, {"error": "not found"}, method, path, routed=False)

        def _resolve(self, repo_id: str, rev: str, file: str, head: bool, path: str) -> None:
            method = "HEAD" if head else "GET"
            commit = self._commit(repo_id, rev)
            if commit is None:
                return self._send(404, {"error": "not found"}, method, path,
                                  error_code="RevisionNotFound")  # fmt: skip
            data = commit.files.get(file)
            if data is None:
                return self._send(404, {"error": "Entry not found"}, method, path,
                                  error_code="EntryNotFound", commit=commit.sha)  # fmt: skip
            status, start, end = 200, 0, len(data)
            wanted = self.headers.get("Range")
            if wanted and (r := _RANGE.match(wanted.strip())):
                if r[1]:
                    start, end = int(r[1]), min(int(r[2]) + 1 if r[2] else len(data), len(data))
                else:  # a suffix: the last N bytes
                    start = max(len(data) - int(r[2] or 0), 0)
                status = 206
            body = data[start:end]
            hub.log(Hit(method, path, urlsplit(self.path).query, status, True, wanted))
            self.send_response(status)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", f'"{_git_sha(data)}"')
            self.send_header("X-Repo-Commit", commit.sha)
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(data)}")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _send(
            self,
            status: int,
            payload: object,
            method: str,
            path: str,
            *,
            error_code: str | None = None,
            commit: str | None = None,
            routed: bool = True,
        ) -> None:
            hub.log(Hit(method, path, urlsplit(self.path).query, status, routed))
            body = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if error_code:
                self.send_header("X-Error-Code", error_code)
            if commit:
                self.send_header("X-Repo-Commit", commit)
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(body)

    return Handler
