/** A clean post for the CLI tests: every required key, a valid date and source; tests derive the bad ones from it. */
export const GOOD = `---
layout: post
title: "Bridge reopens"
date: 2025-03-04 09:30:00 +0800
author: City Desk
from: https://example.com/bridge
tags: [transport]
---
The bridge is open again.
`;
