"""Shared helpers for the API tests: start a real `genop serve` on a free
loopback port with a fresh database, add users, and talk HTTP/JSON to it
with the standard library only. Results are printed as TAP."""

import datetime
import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


# A decision's grant as the API requires it (letters.md section 1): team
# training at the centre twice a week, within every shipped standard's
# limits. Tests that register a granted decision send it.
GRANT = {"form": "team", "place": "centre", "sessions_per_week": 2,
         "minutes_per_session": 45, "sessions": None, "until": None,
         "transport": False, "exceptions": []}

# A refusal's reasons as the API requires them (letters.md section 1):
# genop's own criterion "other", which every standard allows, with an
# individual assessment. Tests that register a refusal send them.
REASONS = [{"criterion": "other", "text": "Borgeren har ikke behov for træning."}]


class Tap:
    """Counts and prints TAP lines; `check` never raises."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, *details):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {name}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {name}")
            for d in details:
                for line in str(d).splitlines():
                    print(f"#   {line}")
        sys.stdout.flush()
        return cond

    def done(self):
        print(f"1..{self.n}")
        return 1 if self.failed else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# "genop-read-journal 1 " + 32 hex digits + newline
JOURNAL_HEADER_BYTES = 54


class Server:
    """A genop serve process on its own database in a temporary directory."""

    def __init__(self, genop, db=None, args=()):
        self.genop = os.path.abspath(genop)
        self.args = list(args)           # more `genop serve` options, e.g. --web DIR
        self.dir = tempfile.mkdtemp(prefix="genop-api-")
        self.db = db or os.path.join(self.dir, "genop.db")
        self.port = free_port()
        self.proc = None

    def add_user(self, municipality, role, username, password="korrekt-hest-batteri"):
        r = subprocess.run([self.genop, "user", "add", "--db", self.db,
                            "--municipality", municipality, "--role", role, username],
                           input=password + "\n", capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"user add {username}: {r.stderr}")
        return password

    def add_users(self, rows):
        """Adds every (municipality, role, username) of rows, with PASSWORD."""
        for municipality, role, username in rows:
            self.add_user(municipality, role, username)

    def start(self):
        self.proc = subprocess.Popen([self.genop, "serve", "--db", self.db, "--listen",
                                      f"127.0.0.1:{self.port}"] + self.args,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return time.time()
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("serve exited: " + self.proc.stderr.read().decode())
                time.sleep(0.02)
        raise RuntimeError("serve did not answer within 5 seconds")

    def journal_files(self):
        """The server's journal files of reads (read_journal.h)."""
        return glob.glob(glob.escape(self.db) + "-reads.??????")

    def reads_imported(self, timeout=5):
        """Waits until every read the server logged is in access_log: its
        journal files hold their header line only (the flusher imports
        them every 2 s). A journal file is made at its full size, its text
        followed by NUL bytes, so a file holds a row if the byte after its
        header is not NUL. False if that did not happen in time."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not any(self._journal_has_rows(f) for f in self.journal_files()):
                return True
            time.sleep(0.02)
        return False

    @staticmethod
    def _journal_has_rows(path):
        try:
            with open(path, "rb") as f:
                head = f.read(JOURNAL_HEADER_BYTES + 1)
        except FileNotFoundError:      # imported and removed meanwhile
            return False
        return len(head) > JOURNAL_HEADER_BYTES and head[JOURNAL_HEADER_BYTES] != 0

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                return self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait()
        return self.proc.returncode if self.proc else None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Client:
    """One user's HTTP conversation: keeps the session cookie."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.bearer = None

    def request(self, method, path, body=None, raw=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.bearer:
            h["Authorization"] = "Bearer " + self.bearer
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie" and v.startswith("genop_session="):
                self.cookie = v.split(";", 1)[0]
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = None
        return Response(resp.status, dict((k.lower(), v) for k, v in resp.getheaders()),
                        parsed, payload, resp.getheaders())

    def login(self, username, password):
        return self.request("POST", "/api/v1/session",
                            {"username": username, "password": password})


class Response:
    def __init__(self, status, headers, json_body, raw, header_list):
        self.status = status
        self.headers = headers
        self.json = json_body
        self.raw = raw
        self.header_list = header_list

    def __repr__(self):
        return f"{self.status} {self.headers.get('content-type')} {self.raw[:400]!r}"


# ---- what many tests do: log in, register a referral, add an event ------

PASSWORD = "korrekt-hest-batteri"


def days_off(genop, years, standards=("aalborg", "ishoj", "nyborg", "rodovre", "skive")):
    """The public holidays and days off of the standards' calendars in
    years (`genop calendar holidays`), as dates: a booking on one is
    refused unless a leder opened it (docs/calendar.md, "Holidays")."""
    out = set()
    for y in years:
        for std in standards:
            r = subprocess.run([genop, "calendar", "holidays", str(y), "--standard", std],
                               capture_output=True, text=True, check=True)
            out |= {datetime.date.fromisoformat(line.split()[0])
                    for line in r.stdout.splitlines() if line.strip()}
    return out


def days_ago(n):
    """The ISO date n days before today (negative: after)."""
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()


def login_as(srv, name, password=PASSWORD):
    """A Client of srv logged in as name; raises if the login fails."""
    c = Client(srv.port)
    r = c.login(name, password)
    if r.status != 200:
        raise RuntimeError(f"login {name}: {r}")
    return c


def register_case(c, cpr, name, address="Åboulevarden 7, 9000 Aalborg", referred_days_ago=20,
                  paragraph="86.1"):
    """Registers a referral of the citizen through c; the new case's id."""
    r = c.request("POST", "/api/v1/cases", {
        "citizen": {"cpr": cpr, "name": name, "address": address},
        "referral": {"date": days_ago(referred_days_ago), "paragraph": paragraph,
                     "source": "egen læge", "condition": "knæ", "consent": True}})
    if r.status != 201:
        raise RuntimeError(f"referral {name}: {r}")
    return r.json["id"]


def add_event(c, case_id, event):
    """Registers event on the case through c; the new event's id."""
    r = c.request("POST", f"/api/v1/cases/{case_id}/events", event)
    if r.status != 201:
        raise RuntimeError(f"event {event}: {r}")
    return r.json["id"]
