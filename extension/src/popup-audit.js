// Popup: "Run privacy audit", its progress, the score and the trend (issue 4). Owns #audit-sec.
