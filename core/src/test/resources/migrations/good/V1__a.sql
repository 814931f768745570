-- the first table
CREATE TABLE a (x INTEGER);

INSERT INTO a VALUES (1);
