// Options: "Connect to my clinic" (issue 5). Owns #connect.
