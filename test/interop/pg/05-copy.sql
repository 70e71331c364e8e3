-- COPY FROM STDIN (text and CSV, inline), COPY TO STDOUT, and psql's \copy to and from files.
\set ON_ERROR_STOP off
CREATE TABLE measurements (id integer PRIMARY KEY, city text, temp numeric(4,1), taken date, note text);
COPY measurements FROM STDIN;
1	Wellington	12.5	2024-07-01	windy
2	Auckland	15.0	2024-07-01	\N
3	Dunedin	-1.5	2024-07-02	tab\there
\.
COPY measurements (id, city, temp, taken) FROM STDIN WITH (FORMAT csv, HEADER true);
id,city,temp,taken
4,"Christchurch, NZ",8.0,2024-07-03
5,Nelson,,2024-07-03
\.
SELECT * FROM measurements ORDER BY id;
COPY measurements TO STDOUT;
COPY (SELECT id, city, temp FROM measurements WHERE temp > 0 ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER);
COPY measurements (id, city) TO STDOUT WITH (FORMAT csv, DELIMITER ';', QUOTE '''', FORCE_QUOTE *);
\copy measurements from 'measurements.csv' with (format csv, header)
SELECT count(*), sum(temp) FROM measurements;
\copy (select id, city from measurements where id > 5 order by id) to 'out.csv' with csv header
\copy measurements to 'out.txt'
CREATE TABLE measurements_copy (id integer PRIMARY KEY, city text, temp numeric(4,1), taken date, note text);
\copy measurements_copy from 'out.txt'
SELECT count(*) FROM measurements_copy;
SELECT * FROM measurements EXCEPT SELECT * FROM measurements_copy;
COPY measurements FROM STDIN;
6	duplicate key	1.0	2024-01-01	x
\.
COPY measurements FROM STDIN WITH (FORMAT csv);
100,bad number,abc,2024-01-01,
\.
SELECT count(*) FROM measurements;
DROP TABLE measurements_copy;
DROP TABLE measurements;
