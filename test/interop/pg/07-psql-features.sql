-- psql client features: variables, \gset, \gexec, \pset, \x, \if, prepared statements, dollar quoting.
\set n 3
SELECT :n * 2 AS six \gset
\echo six is :six
\set who 'O''Brien'
SELECT :'who' AS quoted, length(:'who') AS len;
SELECT $$dollar 'quoted' text$$ AS q, $tag$with $$ inside$tag$ AS r;
SELECT format('SELECT %s AS n, %L AS label', g, 'row ' || g) FROM generate_series(1, 2) AS g \gexec
\pset null '(null)'
SELECT NULL::text AS nothing, 1 AS one;
\pset null ''
\x on
SELECT id, title, price FROM books ORDER BY id LIMIT 2;
\x off
\pset format unaligned
SELECT id, title FROM books ORDER BY id LIMIT 3;
\pset format aligned
\pset border 2
SELECT id, name FROM authors ORDER BY id LIMIT 2;
\pset border 1
SELECT count(*) > 0 AS has_books FROM books \gset
\if :has_books
\echo books present
\else
\echo no books
\endif
PREPARE by_author (integer) AS SELECT title FROM books WHERE author_id = $1 ORDER BY title;
EXECUTE by_author(1);
EXECUTE by_author(3);
DEALLOCATE by_author;
SELECT 'multi' AS a \; SELECT 'statement' AS b \; SELECT 'line' AS c;
SELECT E'line one\nline two' AS two_lines, 'tab	here' AS tabbed;
SELECT 'ünïcødé ✓' AS text, length('ünïcødé ✓') AS chars, octet_length('ünïcødé ✓') AS bytes;
