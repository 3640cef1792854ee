"""Settings modules: `production` (the default, from the environment) and `test`."""
