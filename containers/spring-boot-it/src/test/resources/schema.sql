CREATE TABLE users (
  username VARCHAR(50) NOT NULL PRIMARY KEY,
  password VARCHAR(500) NOT NULL,
  enabled  BOOLEAN NOT NULL,
  email    VARCHAR(200),
  comment  VARCHAR(100000)
);
CREATE TABLE authorities (
  username  VARCHAR(50) NOT NULL REFERENCES users (username),
  authority VARCHAR(50) NOT NULL
);
