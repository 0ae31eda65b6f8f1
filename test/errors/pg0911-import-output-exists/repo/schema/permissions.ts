// my own schema, not to be lost
