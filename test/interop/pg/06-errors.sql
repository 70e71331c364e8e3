-- Errors: SQLSTATE messages with DETAIL, HINT and the LINE/caret position, as psql prints them.
\set ON_ERROR_STOP off
SELECT * FROM no_such_table;
SELECT nme FROM authors;
SELEC 1;
SELECT 1 +;
INSERT INTO authors (id, name) VALUES (1, 'Duplicate');
INSERT INTO authors (email) VALUES ('x@example.com');
INSERT INTO books (author_id, title) VALUES (999, 'Orphan');
INSERT INTO books (author_id, title, price) VALUES (1, 'Negative', -1);
INSERT INTO reviews (book_id, reviewer, stars) VALUES (2, 'zed', 9);
INSERT INTO books (id, author_id, title) VALUES (100, 1, 'Identity');
SELECT 'abc'::integer;
SELECT 2147483647::integer + 1;
SELECT no_such_function(1);
SELECT '2024-02-30'::date;
CREATE TABLE authors (id integer);
DROP TABLE no_such_table;
UPDATE books SET pages = 'many';
SELECT 1/0;
SELECT * FROM books WHERE id = 'x';
SELECT (SELECT id FROM books);
ALTER TABLE books ADD COLUMN title text;
DELETE FROM authors WHERE id = 2;
SELECT count(*) FROM books WHERE author_id = 2;
