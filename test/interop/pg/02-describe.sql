-- psql's backslash commands over the tables 01-ddl.sql made.
\d
\dt
\di
\dn
\dv
\ds
\d authors
\d books
\d reviews
\d+ books
\d+ authors
\d library.loans
\d cheap_books
\d books_author_idx
\du
\l
