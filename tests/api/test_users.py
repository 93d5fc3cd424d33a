#!/usr/bin/env python3
"""API tests of the users an admin administers (/api/v1/users; see
src/casework/users_admin.h): start the real `genop serve` on a fresh
database with users made by `genop user add`, and drive every route over
HTTP: who may (admin only, 401/403), another municipality's user (404),
creating with a made-up password shown once, the username and role
refusals naming their field, locking (the session ends; the login is
refused exactly like a wrong password; the reason is in the audit log),
unlocking, resetting a password (sessions and API tokens end),
deactivating for good, an admin and itself, the audit log (newest first,
per user, in pages, never a password), and that `genop user add` and
`genop token create` keep working. Prints TAP.

    tests/api/test_users.py PATH/TO/genop
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Client, Server, Tap  # noqa: E402

PROBLEM = "application/problem+json"
PASSWORD_SHAPE = re.compile(r"^[a-z]{3,}-[a-z]{3,}-[a-z]{3,}-[a-z]{3,}-[1-9][0-9]$")


def problem(t, r, status, name, field=None, words=None):
    body = r.json or {}
    return t.ok(r.status == status and r.headers.get("content-type", "").startswith(PROBLEM)
                and body.get("status") == status and body.get("detail")
                and (field is None or body.get("field") == field)
                and (words is None or words in body.get("detail", "")),
                name, r)


def logged_in(srv, user, pw):
    c = Client(srv.port)
    r = c.login(user, pw)
    if r.status != 200:
        raise RuntimeError(f"login {user}: {r}")
    return c


def by_name(items, name):
    return next((u for u in items if u["username"] == name), None)


def main():
    genop = sys.argv[1]
    t = Tap()
    srv = Server(genop)
    secrets = []            # every password seen: never in a log or the audit
    try:
        pw = srv.add_user("aalborg", "admin", "adm.aalborg")
        srv.add_user("aalborg", "admin", "adm2.aalborg")
        srv.add_user("aalborg", "visitator", "vis.aalborg")
        srv.add_user("aalborg", "terapeut", "ter.aalborg")
        srv.add_user("aalborg", "leder", "led.aalborg")
        srv.add_user("skive", "admin", "adm.skive")
        srv.add_user("skive", "visitator", "vis.skive")
        srv.start()
        adm = logged_in(srv, "adm.aalborg", pw)
        ids = run_list_tests(t, srv, adm, pw)
        run_create_tests(t, srv, adm, secrets)
        run_lock_tests(t, srv, adm, pw, ids)
        run_reset_tests(t, srv, adm, pw, ids, genop, secrets)
        run_deactivate_tests(t, srv, adm, pw, ids, genop)
        run_self_tests(t, srv, adm, pw, ids)
        run_audit_tests(t, srv, adm, pw, ids, secrets)
        run_cli_tests(t, srv, adm, genop)
        rc = srv.stop(signal.SIGTERM)
        t.ok(rc == 0, "serve stops cleanly on SIGTERM", f"exit status {rc}")
        err = srv.proc.stderr.read().decode(errors="replace")
        t.ok(secrets and not any(s in err for s in secrets),
             "no made-up password is in the server's log", err[-2000:])
        run_store_tests(t, srv, secrets)
    except Exception as ex:  # a crash of the harness is a failure, not a pass
        t.ok(False, "users API test run", repr(ex))
    finally:
        srv.cleanup()
    return t.done()


def run_list_tests(t, srv, adm, pw):
    """Who may see the users, and what is shown."""
    r = Client(srv.port).request("GET", "/api/v1/users")
    problem(t, r, 401, "GET /users without a login is 401")
    for user in ("vis.aalborg", "led.aalborg", "ter.aalborg"):
        r = logged_in(srv, user, pw).request("GET", "/api/v1/users")
        problem(t, r, 403, f"GET /users as {user.split('.')[0]} is 403", words="rolle")
        r = logged_in(srv, user, pw).request("POST", "/api/v1/users",
                                             {"username": "x", "role": "admin"})
        problem(t, r, 403, f"POST /users as {user.split('.')[0]} is 403")
    r = adm.request("GET", "/api/v1/users")
    items = (r.json or {}).get("items", [])
    names = [u["username"] for u in items]
    t.ok(r.status == 200 and names == sorted(names) and len(names) == 5
         and "adm.skive" not in names and "vis.skive" not in names,
         "an admin lists its own municipality's users only, by username", r)
    me = by_name(items, "adm.aalborg") or {}
    vis = by_name(items, "vis.aalborg") or {}
    t.ok(set(vis) == {"id", "username", "role", "state", "created", "last_login",
                      "blocked_until", "failed_logins"}
         and vis["role"] == "visitator" and vis["state"] == "active"
         and re.match(r"^\d{4}-\d\d-\d\dT", vis["created"] or ""),
         "a user is shown with role, state, creation and logins, nothing more", vis)
    t.ok(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", me.get("last_login") or ""),
         "the last login is known once the user has logged in (UTC)", me)
    t.ok(b"argon2" not in r.raw and b"password" not in r.raw, "no password hash in the list", r.raw[:300])
    skive = logged_in(srv, "adm.skive", pw).request("GET", "/api/v1/users")
    skive_items = (skive.json or {}).get("items", [])
    t.ok(skive.status == 200 and sorted(u["username"] for u in skive_items) == ["adm.skive", "vis.skive"],
         "Skive's admin sees Skive's users", skive)
    r = adm.request("DELETE", "/api/v1/users")
    t.ok(r.status == 405 and r.headers.get("allow") == "GET, POST", "DELETE /users is 405 with Allow", r)
    ids = {u["username"]: u["id"] for u in items + skive_items}
    return ids


def run_create_tests(t, srv, adm, secrets):
    r = adm.request("POST", "/api/v1/users", {"username": "ny.terapeut", "role": "terapeut"})
    body = r.json or {}
    password = body.get("password") or ""
    secrets.append(password)
    user = body.get("user") or {}
    t.ok(r.status == 201 and PASSWORD_SHAPE.match(password) and user.get("username") == "ny.terapeut"
         and user.get("role") == "terapeut" and user.get("state") == "active"
         and user.get("last_login") is None and "no-store" in r.headers.get("cache-control", ""),
         "POST /users: 201, the user and a made-up password of four words and two digits, no-store", r)
    c = Client(srv.port)
    r = c.login("ny.terapeut", password)
    t.ok(r.status == 200 and r.json.get("role") == "terapeut", "the new user logs in with it", r)
    r = c.request("GET", "/api/v1/worklist")
    t.ok(r.status == 200, "and works in its role", r)
    again = adm.request("POST", "/api/v1/users", {"username": "ny.terapeut2", "role": "leder"})
    secrets.append((again.json or {}).get("password", ""))
    t.ok(again.status == 201 and again.json["password"] != password, "each user gets a password of its own", again)
    cases = [
        ({"role": "leder"}, 422, "$.username", None, "no username"),
        ({"username": "", "role": "leder"}, 422, "$.username", None, "an empty username"),
        ({"username": "søren", "role": "leder"}, 422, "$.username", "ikke æ, ø, å", "a username with ø"),
        ({"username": "bo ek", "role": "leder"}, 422, "$.username", "mellemrum", "a username with a space"),
        ({"username": "a" * 64, "role": "leder"}, 422, "$.username", "63 tegn", "a username of 64 characters"),
        ({"username": "x1"}, 422, "$.role", None, "no role"),
        ({"username": "x1", "role": "chef"}, 422, "$.role", "visitator, terapeut, leder eller admin", "an unknown role"),
        ({"username": "x1", "role": 3}, 422, "$.role", None, "a role that is not text"),
        ({"username": "NY.TERAPEUT", "role": "leder"}, 409, "$.username", "allerede i brug", "a username taken in another case"),
        ({"username": "vis.skive", "role": "leder"}, 409, "$.username", "fælles for alle kommuner", "a username of another municipality"),
    ]
    for body, status, field, words, what in cases:
        r = adm.request("POST", "/api/v1/users", body)
        problem(t, r, status, f"{what} is {status} naming {field}", field, words)
    r = adm.request("POST", "/api/v1/users", raw=b"username=x", headers={"Content-Type": "text/plain"})
    problem(t, r, 415, "a body that is not JSON is 415")
    names = [u["username"] for u in adm.request("GET", "/api/v1/users").json["items"]]
    t.ok("x1" not in names and "søren" not in names, "a refused user is not made", names)


def run_lock_tests(t, srv, adm, pw, ids):
    vis = logged_in(srv, "vis.aalborg", pw)
    r = adm.request("POST", f"/api/v1/users/{ids['vis.aalborg']}/lock")
    t.ok(r.status == 200 and r.json.get("state") == "locked" and r.json.get("username") == "vis.aalborg",
         "POST /users/{id}/lock: 200, the user locked", r)
    r = vis.request("GET", "/api/v1/cases")
    problem(t, r, 401, "the locked user's session has ended")
    locked = Client(srv.port).login("vis.aalborg", pw)
    wrong = Client(srv.port).login("ter.aalborg", "forkert-adgangskode")
    t.ok(locked.status == 401 and wrong.status == 401 and locked.json == wrong.json,
         "a locked user's right password gets the very answer of a wrong password", locked, wrong)
    problem(t, adm.request("POST", f"/api/v1/users/{ids['vis.aalborg']}/lock"), 409,
            "locking a locked user is 409", words="allerede låst")
    problem(t, adm.request("POST", f"/api/v1/users/{ids['vis.skive']}/lock"), 404,
            "another municipality's user is 404")
    problem(t, adm.request("POST", "/api/v1/users/999999/lock"), 404, "a user that does not exist is 404")
    problem(t, adm.request("POST", "/api/v1/users/abc/lock"), 404, "a user id that is no number is 404")
    problem(t, logged_in(srv, "led.aalborg", pw).request("POST", f"/api/v1/users/{ids['ter.aalborg']}/lock"),
            403, "a leder cannot lock anyone")
    r = adm.request("POST", f"/api/v1/users/{ids['vis.aalborg']}/unlock")
    t.ok(r.status == 200 and r.json.get("state") == "active", "POST /users/{id}/unlock: 200, active again", r)
    t.ok(Client(srv.port).login("vis.aalborg", pw).status == 200, "the unlocked user logs in")
    problem(t, adm.request("POST", f"/api/v1/users/{ids['vis.aalborg']}/unlock"), 409,
            "unlocking an active user is 409", words="ikke låst")
    # Five failed logins lock for 15 minutes; the admin can lift that.
    for _ in range(5):
        Client(srv.port).login("led.aalborg", "forkert-adgangskode")
    users = adm.request("GET", "/api/v1/users").json["items"]
    led = by_name(users, "led.aalborg")
    t.ok(led["state"] == "active" and led["blocked_until"] and led["failed_logins"] == 5,
         "five failed logins show as blocked until a time, still active", led)
    r = adm.request("POST", f"/api/v1/users/{ids['led.aalborg']}/unlock")
    t.ok(r.status == 200 and r.json["blocked_until"] is None and r.json["failed_logins"] == 0,
         "unlocking lifts the lock after failed logins", r)
    t.ok(Client(srv.port).login("led.aalborg", pw).status == 200, "and the user logs in at once")


def token_for(genop, srv, user):
    r = subprocess.run([genop, "token", "create", "--db", srv.db, "--user", user, "--name", "test"],
                       capture_output=True, text=True)
    return r.stdout.strip().split()[-1] if r.returncode == 0 and r.stdout.strip() else ""


def run_reset_tests(t, srv, adm, pw, ids, genop, secrets):
    ter = logged_in(srv, "ter.aalborg", pw)
    api = Client(srv.port)
    api.bearer = token_for(genop, srv, "ter.aalborg")
    t.ok(api.request("GET", "/api/v1/worklist").status == 200, "the therapist's API token works")
    r = adm.request("POST", f"/api/v1/users/{ids['ter.aalborg']}/password")
    password = (r.json or {}).get("password") or ""
    secrets.append(password)
    t.ok(r.status == 200 and PASSWORD_SHAPE.match(password) and r.json["user"]["username"] == "ter.aalborg",
         "POST /users/{id}/password: 200, the user and a new password", r)
    problem(t, ter.request("GET", "/api/v1/worklist"), 401, "the user's session has ended")
    problem(t, api.request("GET", "/api/v1/worklist"), 401, "the user's API token has ended")
    t.ok(Client(srv.port).login("ter.aalborg", pw).status == 401, "the old password no longer works")
    t.ok(Client(srv.port).login("ter.aalborg", password).status == 200, "the new one does")
    # A locked user's token rests while it is locked.
    api.bearer = token_for(genop, srv, "ter.aalborg")
    adm.request("POST", f"/api/v1/users/{ids['ter.aalborg']}/lock")
    problem(t, api.request("GET", "/api/v1/worklist"), 401, "a locked user's API token does not work")
    adm.request("POST", f"/api/v1/users/{ids['ter.aalborg']}/unlock")
    t.ok(api.request("GET", "/api/v1/worklist").status == 200, "it works again once the user is unlocked")


def run_deactivate_tests(t, srv, adm, pw, ids, genop):
    led = logged_in(srv, "led.aalborg", pw)
    r = adm.request("POST", f"/api/v1/users/{ids['led.aalborg']}/deactivate")
    t.ok(r.status == 200 and r.json.get("state") == "deactivated", "POST /users/{id}/deactivate: 200", r)
    problem(t, led.request("GET", "/api/v1/worklist"), 401, "the deactivated user's session has ended")
    t.ok(Client(srv.port).login("led.aalborg", pw).status == 401, "a deactivated user cannot log in")
    for action in ("unlock", "lock", "password", "deactivate"):
        problem(t, adm.request("POST", f"/api/v1/users/{ids['led.aalborg']}/{action}"), 409,
                f"{action} of a deactivated user is 409", words="deaktiveret")
    r = adm.request("GET", "/api/v1/users")
    t.ok(by_name(r.json["items"], "led.aalborg")["state"] == "deactivated",
         "a deactivated user stays in the list, for the history", r)
    r = subprocess.run([genop, "token", "create", "--db", srv.db, "--user", "led.aalborg"],
                       capture_output=True, text=True)
    t.ok(r.returncode != 0 and "deaktiveret" in r.stderr and not r.stdout.strip(),
         "genop token create refuses a deactivated user", r)


def run_self_tests(t, srv, adm, pw, ids):
    me = ids["adm.aalborg"]
    for action, words in (("lock", "låse din egen"), ("deactivate", "deaktivere din egen"),
                          ("password", "din egen adgangskode")):
        problem(t, adm.request("POST", f"/api/v1/users/{me}/{action}"), 403,
                f"an admin cannot {action} itself", words=words)
    # Two admins: one locks the other; the locked one can do nothing more.
    adm2 = logged_in(srv, "adm2.aalborg", pw)
    r = adm2.request("POST", f"/api/v1/users/{me}/lock")
    t.ok(r.status == 200, "another admin may lock an admin", r)
    problem(t, adm.request("GET", "/api/v1/users"), 401, "the locked admin's session has ended")
    problem(t, Client(srv.port).login("adm.aalborg", pw), 401, "and it cannot log in")
    r = adm2.request("POST", f"/api/v1/users/{me}/unlock")
    t.ok(r.status == 200, "and unlock it again", r)
    adm.login("adm.aalborg", pw)


def run_audit_tests(t, srv, adm, pw, ids, secrets):
    r = adm.request("GET", "/api/v1/users/audit")
    body = r.json or {}
    items = body.get("items", [])
    t.ok(r.status == 200 and body.get("total") == len(items) and body.get("limit") == 100
         and body.get("offset") == 0 and [i["id"] for i in items] == sorted((i["id"] for i in items), reverse=True),
         "GET /users/audit: newest first, with total, limit and offset", r)
    vis_rows = [i for i in items if i["username"] == "vis.aalborg"]
    actions = [i["action"] for i in reversed(vis_rows)]
    t.ok(actions == ["user.create", "user.lock", "login.refused", "user.unlock"],
         "the visitator's history: created, locked, a refused login, unlocked", actions)
    refused = next((i for i in vis_rows if i["action"] == "login.refused"), {})
    t.ok(refused.get("actor") is None and refused.get("detail") == "brugeren er låst",
         "the refused login says why, by no user", refused)
    lock = next((i for i in vis_rows if i["action"] == "user.lock"), {})
    t.ok(lock.get("actor") == "adm.aalborg" and lock.get("user") == ids["vis.aalborg"]
         and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", lock.get("time", "")),
         "a change names who, when, what and which user", lock)
    created = next((i for i in items if i["username"] == "ny.terapeut"), {})
    t.ok(created.get("action") == "user.create" and created.get("actor") == "adm.aalborg"
         and created.get("detail") == "rolle: terapeut", "the creation names the role", created)
    blocked = [i for i in items if i["action"] == "login.blocked" and i["username"] == "led.aalborg"]
    t.ok(len(blocked) == 1, "the lock after five failed logins is in the log", blocked)
    t.ok(not any(s and s.encode() in r.raw for s in secrets), "no password is in the audit log")
    r = adm.request("GET", f"/api/v1/users/audit?user={ids['vis.aalborg']}&limit=2&offset=1")
    t.ok(r.status == 200 and r.json["total"] == 4 and [i["action"] for i in r.json["items"]] == ["login.refused", "user.lock"],
         "?user, ?limit and ?offset page one user's history", r)
    problem(t, adm.request("GET", f"/api/v1/users/audit?user={ids['vis.skive']}"), 404,
            "another municipality's user's history is 404")
    problem(t, adm.request("GET", "/api/v1/users/audit?user=0"), 400, "?user=0 is 400", field="user")
    problem(t, adm.request("GET", "/api/v1/users/audit?limit=x"), 400, "?limit=x is 400", field="limit")
    r = logged_in(srv, "adm.skive", pw).request("GET", "/api/v1/users/audit")
    t.ok(r.status == 200 and {i["username"] for i in r.json["items"]} == {"adm.skive", "vis.skive"},
         "Skive's admin reads Skive's rows only", r)
    problem(t, logged_in(srv, "vis.aalborg", pw).request("GET", "/api/v1/users/audit"), 403,
            "a visitator cannot read the audit log")


def run_cli_tests(t, srv, adm, genop):
    r = subprocess.run([genop, "user", "add", "--db", srv.db, "--municipality", "aalborg",
                        "--role", "leder", "kommandolinje.leder"], input="korrekt-hest-batteri\n",
                       capture_output=True, text=True)
    t.ok(r.returncode == 0 and r.stdout == "Brugeren 'kommandolinje.leder' er oprettet (leder, Aalborg Kommune).\n",
         "genop user add works and says what it always said", r)
    r = subprocess.run([genop, "user", "add", "--db", srv.db, "--municipality", "aalborg",
                        "--role", "leder", "kommandolinje.leder"], input="korrekt-hest-batteri\n",
                       capture_output=True, text=True)
    t.ok(r.returncode != 0 and "findes allerede" in r.stderr, "genop user add refuses a taken username", r)
    r = subprocess.run([genop, "user", "add", "--db", srv.db, "--municipality", "aalborg",
                        "--role", "leder", "bo ek"], input="korrekt-hest-batteri\n",
                       capture_output=True, text=True)
    t.ok(r.returncode != 0 and "ugyldigt brugernavn" in r.stderr, "genop user add refuses a bad username", r)
    users = adm.request("GET", "/api/v1/users").json["items"]
    row = adm.request("GET", "/api/v1/users/audit?limit=1").json["items"][0]
    t.ok(by_name(users, "kommandolinje.leder") and row["username"] == "kommandolinje.leder"
         and row["actor"] is None and row["action"] == "user.create",
         "a user from the command line is listed, and its creation logged by no user", row)


def run_store_tests(t, srv, secrets):
    """The database itself, after the server stopped."""
    db = sqlite3.connect(srv.db)
    try:
        rows = db.execute("SELECT detail || actor || username FROM user_audit").fetchall()
        t.ok(rows and not any(s and s in text for (text,) in rows for s in secrets),
             "no password is in any row of user_audit", rows[:3])
        for sql, what in (("UPDATE user_audit SET detail = 'x'", "changed"),
                          ("DELETE FROM user_audit", "deleted"),
                          ("UPDATE users SET state = 'active' WHERE username = 'led.aalborg'", "reactivated"),
                          ("DELETE FROM users WHERE username = 'led.aalborg'", "deleted (a user)")):
            try:
                db.execute(sql)
                ok = False
            except sqlite3.DatabaseError:
                ok = True
            t.ok(ok, f"the database refuses that the audit log or a user be {what}")
    finally:
        db.close()


if __name__ == "__main__":
    sys.exit(main())
