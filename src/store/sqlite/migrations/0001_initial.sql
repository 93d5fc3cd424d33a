-- 0001: the initial schema: municipalities (the tenants), users, login
-- sessions and API tokens (by the hash of their secret), citizens, cases,
-- the append-only case events, the open deadlines the worklist reads, and
-- the append-only access log. Every row carries its municipality; composite
-- foreign keys keep a case, an event and an open deadline within one.
--
-- Released: never edit a migration; a change is a new file with the next
-- number (src/store/meson.build lists them, tools/embed.c embeds them).

CREATE TABLE municipalities (
  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 15),
  code INTEGER NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('visitator', 'terapeut', 'leder', 'admin')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX users_username ON users(username);
CREATE INDEX users_municipality ON users(municipality, id);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY NOT NULL CHECK (length(token_hash) = 32),
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_tokens (
  token_hash BLOB PRIMARY KEY NOT NULL CHECK (length(token_hash) = 32),
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE citizens (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  cpr TEXT NOT NULL CHECK (length(cpr) = 10 AND cpr NOT GLOB '*[^0-9]*'),
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL,
  digital_post_exempt INTEGER NOT NULL DEFAULT 0 CHECK (digital_post_exempt IN (0, 1)),
  relatives TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX citizens_municipality_cpr ON citizens(municipality, cpr);
CREATE UNIQUE INDEX citizens_municipality_id ON citizens(municipality, id);
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  citizen_id INTEGER NOT NULL,
  paragraph INTEGER NOT NULL CHECK (paragraph > 0),
  referral_date TEXT NOT NULL,
  referral_source TEXT NOT NULL DEFAULT '',
  referral_condition TEXT NOT NULL DEFAULT '',
  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  next_due TEXT,
  created_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  FOREIGN KEY (municipality, citizen_id) REFERENCES citizens(municipality, id)
);
CREATE UNIQUE INDEX cases_municipality_id ON cases(municipality, id);
CREATE INDEX cases_municipality_closed_due ON cases(municipality, closed, next_due);
CREATE INDEX cases_municipality_citizen ON cases(municipality, citizen_id);
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  case_id INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 31),
  event_date TEXT NOT NULL,
  body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
  corrects INTEGER,
  author_id INTEGER NOT NULL REFERENCES users(id),
  registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id),
  FOREIGN KEY (case_id, corrects) REFERENCES case_events(case_id, id)
);
CREATE UNIQUE INDEX case_events_case_id ON case_events(case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events BEGIN
  SELECT RAISE(ABORT, 'case_events: hændelser kan ikke ændres');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events BEGIN
  SELECT RAISE(ABORT, 'case_events: hændelser kan ikke slettes');
END;
CREATE TABLE open_deadlines (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  case_id INTEGER NOT NULL,
  deadline_id TEXT NOT NULL,
  label TEXT NOT NULL,
  paragraph INTEGER NOT NULL,
  from_date TEXT NOT NULL,
  due TEXT NOT NULL,
  source TEXT NOT NULL,
  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)
);
CREATE INDEX open_deadlines_municipality_due ON open_deadlines(municipality, due);
CREATE INDEX open_deadlines_case ON open_deadlines(municipality, case_id);
-- citizen_id and case_id are deliberately not foreign keys: the log
-- records what was asked for, also an id that does not exist.
CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  username TEXT NOT NULL,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  citizen_id INTEGER,
  case_id INTEGER,
  action TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_citizen ON access_log(municipality, citizen_id, id);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN
  SELECT RAISE(ABORT, 'access_log: adgangsloggen kan ikke ændres');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN
  SELECT RAISE(ABORT, 'access_log: adgangsloggen kan ikke slettes');
END;
