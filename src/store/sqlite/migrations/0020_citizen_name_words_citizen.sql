-- 0020: a citizen's name words found by the citizen. The trigger that
-- keeps them when a citizen is renamed (0010, citizens_name_words_update)
-- deletes the citizen's old words by (municipality, citizen_id), which the
-- primary key (municipality, word, citizen_id) cannot find: every rename
-- read all the municipality's words. A referral that renames a citizen
-- known by the CPR number did so; `genop demo --cases N` renames more and
-- more often as its drawn CPR numbers meet, and past 300,000 cases of one
-- municipality the renames were two fifths of its time.

CREATE INDEX citizen_name_words_citizen ON citizen_name_words(municipality, citizen_id);
