// Popup: clinic policy sync state (issue 5). Owns #sync-sec.
