#!/usr/bin/env node
// The `mixmodeler` command. A committed shim so npm links the bin at install time, before the
// TypeScript build has produced dist/.
require('../dist/cli/main.js');
