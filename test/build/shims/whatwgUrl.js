// Stands in for the whatwg-url package in the bundle. node-fetch 2 reads only its URL class, and only where
// Node's url module has none (`Url.URL || whatwgUrl.URL`); Node's is the same WHATWG URL, so it is used here.
'use strict';
module.exports = { URL: require('node:url').URL };
