module github.com/boundaryhq/boundary

go 1.26.0

require (
	github.com/andybalholm/cascadia v1.3.5
	github.com/syumai/workers v0.32.0
	github.com/tidwall/gjson v1.20.1
	golang.org/x/net v0.62.0
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
	honnef.co/go/js/dom/v2 v2.0.0-20250304181735-b5e52f05e89d // indirect
)
