-- DDL: tables with constraints and defaults, indexes, a view, a sequence, ALTER, schemas, notices.
CREATE TABLE authors (
  id serial PRIMARY KEY,
  name text NOT NULL,
  email varchar(100) UNIQUE,
  born date,
  created_at timestamp DEFAULT '2024-01-01 00:00:00'
);
CREATE TABLE books (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title text NOT NULL,
  price numeric(8,2) CHECK (price >= 0),
  pages smallint,
  rating double precision,
  published boolean DEFAULT false
);
CREATE INDEX books_author_idx ON books (author_id);
CREATE UNIQUE INDEX books_author_title_key ON books (author_id, title);
CREATE TABLE reviews (
  book_id integer REFERENCES books (id),
  reviewer text,
  stars integer NOT NULL CONSTRAINT stars_range CHECK (stars BETWEEN 1 AND 5),
  body text DEFAULT '',
  PRIMARY KEY (book_id, reviewer)
);
CREATE VIEW cheap_books AS SELECT id, title, price FROM books WHERE price < 10;
CREATE SEQUENCE order_no START 1000 INCREMENT 10;
SELECT nextval('order_no') AS first, nextval('order_no') AS second;
ALTER TABLE authors ADD COLUMN country char(2) DEFAULT 'NZ';
ALTER TABLE books RENAME COLUMN published TO is_published;
ALTER TABLE books ALTER COLUMN price SET DEFAULT 9.99;
ALTER TABLE reviews ALTER COLUMN body SET NOT NULL;
CREATE TABLE IF NOT EXISTS authors (id integer);
DROP TABLE IF EXISTS no_such_table;
CREATE SCHEMA library;
CREATE TABLE library.loans (book_id integer, due date NOT NULL);
CREATE TABLE scratch (a integer, b text);
ALTER TABLE scratch DROP COLUMN b;
ALTER TABLE scratch RENAME TO scratch2;
DROP TABLE scratch2;
