#!/usr/bin/env node
import * as core from '@actions/core';
import { hello } from '@roadstop/core';
core.setOutput('x', String(hello('abc')));
