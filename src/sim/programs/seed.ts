/**
 * The learner's project on the laptop: ~/myproject with the Flask app of the course (DigitalOcean's
 * "How To Serve Flask Applications with Gunicorn": myproject.py + wsgi.py), plus a slow and a failing
 * route so status codes and latencies differ in the graphs.
 */
import type { SimFs } from '../fs';

export const PROJECT_DIR = '/home/learner/myproject';

export const MYPROJECT_PY = `import random
import time

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "<h1 style='color:blue'>Hello There!</h1>"


@app.route("/slow")
def slow():
    time.sleep(random.uniform(0.2, 1.5))
    return "<h1>Sorry for the wait!</h1>"


@app.route("/error")
def error():
    raise ValueError("Something went wrong")


if __name__ == "__main__":
    app.run(host='0.0.0.0')
`;

export const WSGI_PY = `from myproject import app

if __name__ == "__main__":
    app.run()
`;

export const REQUIREMENTS_TXT = `flask
gunicorn
`;

export function seedLaptopFiles(fs: SimFs): void {
  const files: Record<string, string> = {
    [`${PROJECT_DIR}/myproject.py`]: MYPROJECT_PY,
    [`${PROJECT_DIR}/wsgi.py`]: WSGI_PY,
    [`${PROJECT_DIR}/requirements.txt`]: REQUIREMENTS_TXT,
  };
  for (const [p, c] of Object.entries(files)) if (fs.read(p) === null) fs.write(p, c);
}
