/* global db, print -- mongosh provides these */
// Run by the mongo:7 image once, when its data volume is first initialised (mongosh, as root):
// creates the user the app logs in with, allowed to read and write its own database only.
// A volume initialised before this script existed has no such user: the app then logs in as
// root (docker-compose.yml falls back to it) until the user is created by hand (README).
const user = process.env.MONGO_APP_USERNAME;
const pwd = process.env.MONGO_APP_PASSWORD;
if (user && pwd) {
  db.getSiblingDB('admin').createUser({ user, pwd, roles: [{ role: 'readWrite', db: 'csops' }] });
  print(`app user ${user} created (readWrite on csops)`);
} else {
  print('MONGO_APP_USERNAME / MONGO_APP_PASSWORD not set: no app user; the app logs in as root');
}
