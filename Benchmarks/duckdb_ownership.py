"""Beneficial ownership of a synthetic book in SQL, with DuckDB: the program a
compliance team would otherwise write, for comparison with `captable
ownership`.

    python3 duckdb_ownership.py BOOK OUT.csv

It computes, for the book `captable generate --simple` writes, what
`captable ownership --format csv` computes, per class and person:

- lots: holdings, options and warrants (fully vested, no expiry in such a
  book), notes without interest (principal / conversion price, whole shares)
  and preferred (units x ratio, whole shares), each right giving its holder
  sole voting and dispositive power;
- the look-through, as a recursive CTE down the control relations, each step
  sole only where both the lot and the relation are sole, the strongest
  power over all paths;
- the rule of three (relations into a majority-rule entity with three or
  more controllers attribute nothing);
- disclaimers: a person's own disclaimed relations move what it reaches only
  through them to `excluded`;
- the per-person denominator (outstanding plus the person's own acquirable
  shares), and the percent to six decimals, half up, in integers;
- groups: each member's lots once, with the strongest power any member has.

It leaves out what the simple book leaves out: vesting schedules, exercise
and conversion windows, expiry, interest and paid-in-kind interest,
blockers (cap_percent), control intent, and transactions.
"""
import sys

import duckdb

SQL = r"""
-- Every file read as text by its header's names, in whatever order the
-- columns come: numbers may be quoted with thousands separators, amounts
-- carry `$`, prices may be fractions (`9 1/2`), and a blank optional column
-- means its default.
CREATE MACRO whole(x) AS CAST(replace(replace(x, ',', ''), '$', '') AS HUGEINT);
CREATE MACRO micro(x) AS CASE
    WHEN contains(x, '/') THEN
        CAST(split_part(replace(x, '$', ''), ' ', 1) AS HUGEINT) * 1000000
        + CAST(split_part(split_part(x, ' ', 2), '/', 1) AS HUGEINT) * 1000000 // CAST(split_part(x, '/', 2) AS HUGEINT)
    ELSE CAST(CAST(replace(replace(x, ',', ''), '$', '') AS DECIMAL(18, 6)) * 1000000 AS HUGEINT)
END;
CREATE TEMP TABLE persons AS SELECT id, name, kind, majority_rule FROM read_csv('{book}/persons.csv', header = true, all_varchar = true);
CREATE TEMP TABLE classes AS SELECT class, whole(outstanding) AS outstanding, as_of
    FROM read_csv('{book}/classes.csv', header = true, all_varchar = true);
CREATE TEMP TABLE power(name VARCHAR, level INTEGER);
INSERT INTO power VALUES ('sole', 2), ('shared', 1), ('none', 0);

-- Every lot: holdings, then rights to acquire, each with its powers as levels 0..2.
CREATE TEMP TABLE lots AS
WITH h AS (SELECT * FROM read_csv('{book}/holdings.csv', header = true, all_varchar = true)),
     o AS (SELECT * FROM read_csv('{book}/options.csv', header = true, all_varchar = true)),
     n AS (SELECT * FROM read_csv('{book}/convertibles.csv', header = true, all_varchar = true))
SELECT row_number() OVER () AS lot, * FROM (
    SELECT holder, class, CAST(whole(shares) AS BIGINT) AS shares,
           CASE coalesce(voting, 'sole') WHEN 'sole' THEN 2 WHEN 'shared' THEN 1 ELSE 0 END AS v,
           CASE coalesce(dispositive, 'sole') WHEN 'sole' THEN 2 WHEN 'shared' THEN 1 ELSE 0 END AS d,
           false AS is_right
    FROM h
    UNION ALL
    SELECT holder, class, CAST(whole(shares) AS BIGINT), 2, 2, true FROM o WHERE holder IS NOT NULL
    UNION ALL
    SELECT holder, class,
           CASE kind
             WHEN 'note' THEN micro(principal) // micro(conversion_price)
             ELSE whole(units) * micro(conversion_ratio) // 1000000
           END,
           2, 2, true
    FROM n
);

-- The relations that attribute ownership: the rule of three cuts those into a
-- majority-rule entity with three or more controllers.
CREATE TEMP TABLE rel AS
WITH r AS (SELECT * FROM read_csv('{book}/relations.csv', header = true, all_varchar = true)),
     cnt AS (SELECT controlled, count(*) AS n FROM r GROUP BY controlled)
SELECT r.controller, r.controlled,
       CASE coalesce(r.voting, 'shared') WHEN 'sole' THEN 2 ELSE 1 END AS rv,
       CASE coalesce(r.dispositive, 'shared') WHEN 'sole' THEN 2 ELSE 1 END AS rd,
       coalesce(r.disclaims, 'no') = 'yes' AS disclaims
FROM r JOIN cnt USING (controlled) JOIN persons p ON p.id = r.controlled
WHERE NOT (coalesce(p.majority_rule, 'no') = 'yes' AND cnt.n >= 3);

-- Everything each person reaches, disclaimers ignored, over every path.
CREATE TEMP TABLE reach AS
WITH RECURSIVE down(person, lot, v, d) AS (
    SELECT holder, lot, v, d FROM lots
    UNION ALL
    SELECT rel.controller, down.lot,
           CASE WHEN down.v = 0 THEN 0 WHEN down.v = 2 AND rel.rv = 2 THEN 2 ELSE 1 END,
           CASE WHEN down.d = 0 THEN 0 WHEN down.d = 2 AND rel.rd = 2 THEN 2 ELSE 1 END
    FROM down JOIN rel ON rel.controlled = down.person
)
SELECT person, lot, max(v) AS v, max(d) AS d FROM down GROUP BY person, lot;

-- What each person is attributed, by its own lots and its own relations:
-- through a disclaimed relation only, the lot is excluded.
CREATE TEMP TABLE attributed AS
WITH paths AS (
    SELECT holder AS person, lot, v, d, false AS disclaimed FROM lots
    UNION ALL
    SELECT rel.controller, reach.lot,
           CASE WHEN reach.v = 0 THEN 0 WHEN reach.v = 2 AND rel.rv = 2 THEN 2 ELSE 1 END,
           CASE WHEN reach.d = 0 THEN 0 WHEN reach.d = 2 AND rel.rd = 2 THEN 2 ELSE 1 END,
           rel.disclaims
    FROM reach JOIN rel ON rel.controlled = reach.person
),
included AS (SELECT person, lot, max(v) AS v, max(d) AS d FROM paths WHERE NOT disclaimed GROUP BY person, lot),
excluded AS (
    SELECT p.person, p.lot, max(p.v) AS v, max(p.d) AS d FROM paths p
    WHERE p.disclaimed AND NOT EXISTS (SELECT 1 FROM included i WHERE i.person = p.person AND i.lot = p.lot)
    GROUP BY p.person, p.lot
)
SELECT person, lot, v, d, false AS is_excluded FROM included
UNION ALL SELECT person, lot, v, d, true FROM excluded;

-- Groups (Rule 13d-5(b)(1)): each member's lots once, the strongest power.
CREATE TEMP TABLE grouped AS
WITH g AS (SELECT * FROM read_csv('{book}/groups.csv', header = true, all_varchar = true)),
     inc AS (SELECT g."group" AS person, a.lot, max(a.v) AS v, max(a.d) AS d FROM attributed a JOIN g ON g.member = a.person
             WHERE NOT a.is_excluded GROUP BY g."group", a.lot),
     exc AS (SELECT g."group" AS person, a.lot, max(a.v) AS v, max(a.d) AS d FROM attributed a JOIN g ON g.member = a.person
             WHERE a.is_excluded GROUP BY g."group", a.lot)
SELECT person, lot, v, d, false AS is_excluded FROM inc
UNION ALL SELECT e.person, e.lot, e.v, e.d, true FROM exc e
WHERE NOT EXISTS (SELECT 1 FROM inc i WHERE i.person = e.person AND i.lot = e.lot);

COPY (
    WITH a AS (SELECT a.*, 0 AS is_group FROM attributed a JOIN persons p ON p.id = a.person WHERE p.kind <> 'group'
               UNION ALL SELECT *, 1 FROM grouped),
    figures AS (
        SELECT l.class, a.person, a.is_group,
            sum(CASE WHEN NOT a.is_excluded AND a.v = 2 THEN l.shares ELSE 0 END) AS sole_voting,
            sum(CASE WHEN NOT a.is_excluded AND a.v = 1 THEN l.shares ELSE 0 END) AS shared_voting,
            sum(CASE WHEN NOT a.is_excluded AND a.d = 2 THEN l.shares ELSE 0 END) AS sole_dispositive,
            sum(CASE WHEN NOT a.is_excluded AND a.d = 1 THEN l.shares ELSE 0 END) AS shared_dispositive,
            sum(CASE WHEN NOT a.is_excluded AND (a.v > 0 OR a.d > 0) THEN l.shares ELSE 0 END) AS aggregate,
            sum(CASE WHEN NOT a.is_excluded AND (a.v > 0 OR a.d > 0) AND l.is_right THEN l.shares ELSE 0 END) AS acquirable,
            sum(CASE WHEN a.is_excluded AND (a.v > 0 OR a.d > 0) THEN l.shares ELSE 0 END) AS excluded
        FROM a JOIN lots l USING (lot)
        GROUP BY l.class, a.person, a.is_group
    )
    SELECT f.class, f.person, f.sole_voting, f.shared_voting, f.sole_dispositive, f.shared_dispositive,
           f.aggregate, f.acquirable, f.excluded, c.outstanding + f.acquirable AS denominator,
           -- percent x 10^6, half up: floor((2 * aggregate * 10^8 + denominator) / (2 * denominator))
           (2 * CAST(f.aggregate AS HUGEINT) * 100000000 + (c.outstanding + f.acquirable))
               // (2 * (c.outstanding + f.acquirable)) AS percent_micro
    FROM figures f JOIN classes c USING (class)
    ORDER BY f.class, f.is_group, f.person
) TO '{out}' (HEADER, DELIMITER ',');
"""


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: duckdb_ownership.py BOOK OUT.csv")
    book, out = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    con.execute(SQL.format(book=book, out=out))


if __name__ == "__main__":
    main()
