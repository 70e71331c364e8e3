-- DML: INSERT (RETURNING, multi-row, ON CONFLICT), UPDATE, DELETE, queries with joins and aggregates.
INSERT INTO authors (name, email, born) VALUES ('Ursula', 'ursula@example.com', '1929-10-21');
INSERT INTO authors (name, email, born, country) VALUES
  ('Iain', 'iain@example.com', '1954-02-16', 'GB'),
  ('Octavia', NULL, '1947-06-22', 'US')
RETURNING id, name, country;
INSERT INTO books (author_id, title, price, pages, rating) VALUES
  (1, 'The Dispossessed', 12.50, 387, 4.5),
  (1, 'The Lathe of Heaven', 8.99, 184, 4.25),
  (2, 'Consider Phlebas', 9.95, 471, 4.0),
  (2, 'The Player of Games', 11.00, 293, 4.75),
  (3, 'Kindred', DEFAULT, 264, NULL);
INSERT INTO reviews VALUES (1, 'ann', 5, 'anarchist utopia'), (1, 'bob', 4, DEFAULT), (3, 'ann', 3, 'long');
INSERT INTO reviews VALUES (1, 'ann', 2, 'changed my mind')
  ON CONFLICT (book_id, reviewer) DO UPDATE SET stars = excluded.stars, body = excluded.body;
INSERT INTO reviews VALUES (1, 'bob', 1, 'ignored') ON CONFLICT DO NOTHING;
SELECT * FROM authors ORDER BY id;
SELECT id, title, price, pages, rating, is_published FROM books ORDER BY id;
SELECT * FROM cheap_books ORDER BY price;
SELECT a.name, count(b.id) AS books, sum(b.price) AS total, avg(b.pages)::numeric(10,1) AS avg_pages
  FROM authors a LEFT JOIN books b ON b.author_id = a.id
  GROUP BY a.name ORDER BY a.name;
SELECT b.title, r.reviewer, r.stars, r.body
  FROM books b JOIN reviews r ON r.book_id = b.id
  ORDER BY b.title, r.reviewer;
UPDATE books SET price = price * 1.10 WHERE author_id = 2 RETURNING title, price;
UPDATE books SET is_published = true WHERE rating > 4.3;
DELETE FROM reviews WHERE stars < 3;
SELECT title, is_published, round(rating) AS r FROM books WHERE is_published ORDER BY title;
SELECT count(*), min(born), max(born) FROM authors;
SELECT name, CASE WHEN born < '1950-01-01' THEN 'early' ELSE 'late' END AS era,
       extract(year FROM born) AS year, upper(country) AS c, length(name) AS len
  FROM authors ORDER BY born;
SELECT string_agg(title, ', ' ORDER BY title) FROM books WHERE author_id = 1;
SELECT title, rank() OVER (ORDER BY pages DESC) FROM books ORDER BY 2, 1;
WITH per AS (SELECT author_id, max(pages) AS most FROM books GROUP BY author_id)
SELECT a.name, per.most FROM per JOIN authors a ON a.id = per.author_id ORDER BY per.most;
SELECT 1 AS one, 'two' AS two, NULL AS three, 4.5::float8 AS four, '2024-02-29'::date + 1 AS five,
       interval '1 day 2 hours' AS six, '{1,2,3}'::int[] AS seven, true AS eight,
       '\xdeadbeef'::bytea AS nine, '{"a": [1, 2]}'::jsonb AS ten;
SELECT nextval('order_no');
SELECT setval('order_no', 5000), currval('order_no');
