-- 0017: reserved for the team rosters (issue 14, part 2, H2 "teams"),
-- built on another branch. This placeholder only keeps the numbering
-- whole on the branch of the holiday openings (0018); when the branches
-- meet, the rosters' own 0017_team_rosters.sql replaces this file.
SELECT 1;
