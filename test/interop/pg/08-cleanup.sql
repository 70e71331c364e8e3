-- Cleanup: drop everything the scripts made.
DROP VIEW cheap_books;
DROP TABLE reviews;
DROP TABLE books;
DROP TABLE authors;
DROP SEQUENCE order_no;
DROP SCHEMA library CASCADE;
\d
\dn
