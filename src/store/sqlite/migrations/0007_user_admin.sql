-- 0007: users administered by the municipality's admin in the web app
-- (src/casework/users_admin.c): each user's state (active, locked by an
-- admin, or deactivated), the time of the last login, and the audit log
-- of every change to a user account (who, when, what, which user; never a
-- password).
--
-- A deactivated user is final: the row stays (events and the access log
-- name its author), it cannot log in, and no update makes it active again
-- or gives it a new password - refused here, in the database itself, as
-- well as by the domain layer.

ALTER TABLE users ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
  CHECK (state IN ('active', 'locked', 'deactivated'));
-- Unix seconds of the last successful login; 0: never (or before 0007).
ALTER TABLE users ADD COLUMN last_login INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER users_deactivated_is_final BEFORE UPDATE OF state, password_hash ON users
  WHEN OLD.state = 'deactivated' AND
       (NEW.state <> 'deactivated' OR NEW.password_hash <> OLD.password_hash)
BEGIN
  SELECT RAISE(ABORT, 'users: en deaktiveret bruger kan ikke genaktiveres');
END;
CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN
  SELECT RAISE(ABORT, 'users: brugere kan ikke slettes, kun deaktiveres');
END;

-- actor_id NULL and actor '' : the command line (genop user add) or the
-- login itself (a refused login of a locked or deactivated user).
CREATE TABLE user_audit (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  municipality TEXT NOT NULL REFERENCES municipalities(id),
  actor_id INTEGER REFERENCES users(id),
  actor TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 31),
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_audit_municipality ON user_audit(municipality, id);
CREATE INDEX user_audit_user ON user_audit(municipality, user_id, id);
CREATE TRIGGER user_audit_no_update BEFORE UPDATE ON user_audit BEGIN
  SELECT RAISE(ABORT, 'user_audit: brugerloggen kan ikke ændres');
END;
CREATE TRIGGER user_audit_no_delete BEFORE DELETE ON user_audit BEGIN
  SELECT RAISE(ABORT, 'user_audit: brugerloggen kan ikke slettes');
END;
