// GENERATED from benoitc/gunicorn tag 23.0.0 (gunicorn/config.py: Config.parser() and make_settings()),
// with Python 3.11 argparse at COLUMNS=80. Do not edit by hand.
/* eslint-disable */
export const GUNICORN_HELP = "usage: gunicorn [OPTIONS] [APP_MODULE]\n\noptions:\n  -h, --help            show this help message and exit\n  -v, --version         show program's version number and exit\n  -c CONFIG, --config CONFIG\n                        :ref:`The Gunicorn config file<configuration_file>`.\n                        [./gunicorn.conf.py]\n  -b ADDRESS, --bind ADDRESS\n                        The socket to bind. [['127.0.0.1:8000']]\n  --backlog INT         The maximum number of pending connections. [2048]\n  -w INT, --workers INT\n                        The number of worker processes for handling requests.\n                        [1]\n  -k STRING, --worker-class STRING\n                        The type of workers to use. [sync]\n  --threads INT         The number of worker threads for handling requests.\n                        [1]\n  --worker-connections INT\n                        The maximum number of simultaneous clients. [1000]\n  --max-requests INT    The maximum number of requests a worker will process\n                        before restarting. [0]\n  --max-requests-jitter INT\n                        The maximum jitter to add to the *max_requests*\n                        setting. [0]\n  -t INT, --timeout INT\n                        Workers silent for more than this many seconds are\n                        killed and restarted. [30]\n  --graceful-timeout INT\n                        Timeout for graceful workers restart. [30]\n  --keep-alive INT      The number of seconds to wait for requests on a Keep-\n                        Alive connection. [2]\n  --limit-request-line INT\n                        The maximum size of HTTP request line in bytes. [4094]\n  --limit-request-fields INT\n                        Limit the number of HTTP headers fields in a request.\n                        [100]\n  --limit-request-field_size INT\n                        Limit the allowed size of an HTTP request header\n                        field. [8190]\n  --reload              Restart workers when code changes. [False]\n  --reload-engine STRING\n                        The implementation that should be used to power\n                        :ref:`reload`. [auto]\n  --reload-extra-file FILES\n                        Extends :ref:`reload` option to also watch and reload\n                        on additional files [[]]\n  --spew                Install a trace function that spews every line\n                        executed by the server. [False]\n  --check-config        Check the configuration and exit. The exit status is 0\n                        if the [False]\n  --print-config        Print the configuration settings as fully resolved.\n                        Implies :ref:`check-config`. [False]\n  --preload             Load application code before the worker processes are\n                        forked. [False]\n  --no-sendfile         Disables the use of ``sendfile()``. [None]\n  --reuse-port          Set the ``SO_REUSEPORT`` flag on the listening socket.\n                        [False]\n  --chdir CHDIR         Change directory to specified directory before loading\n                        apps. [/tmp/g23]\n  -D, --daemon          Daemonize the Gunicorn process. [False]\n  -e ENV, --env ENV     Set environment variables in the execution\n                        environment. [[]]\n  -p FILE, --pid FILE   A filename to use for the PID file. [None]\n  --worker-tmp-dir DIR  A directory to use for the worker heartbeat temporary\n                        file. [None]\n  -u USER, --user USER  Switch worker processes to run as this user. [0]\n  -g GROUP, --group GROUP\n                        Switch worker process to run as this group. [0]\n  -m INT, --umask INT   A bit mask for the file mode on files written by\n                        Gunicorn. [0]\n  --initgroups          If true, set the worker process's group access list\n                        with all of the [False]\n  --forwarded-allow-ips STRING\n                        Front-end's IPs from which allowed to handle set\n                        secure headers. [127.0.0.1,::1]\n  --access-logfile FILE\n                        The Access log file to write to. [None]\n  --disable-redirect-access-to-syslog\n                        Disable redirect access logs to syslog. [False]\n  --access-logformat STRING\n                        The access log format. [%(h)s %(l)s %(u)s %(t)s\n                        \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\"]\n  --error-logfile FILE, --log-file FILE\n                        The Error log file to write to. [-]\n  --log-level LEVEL     The granularity of Error log outputs. [info]\n  --capture-output      Redirect stdout/stderr to specified file in\n                        :ref:`errorlog`. [False]\n  --logger-class STRING\n                        The logger you want to use to log events in Gunicorn.\n                        [gunicorn.glogging.Logger]\n  --log-config FILE     The log config file to use. [None]\n  --log-config-json FILE\n                        The log config to read config from a JSON file [None]\n  --log-syslog-to SYSLOG_ADDR\n                        Address to send syslog messages. [udp://localhost:514]\n  --log-syslog          Send *Gunicorn* logs to syslog. [False]\n  --log-syslog-prefix SYSLOG_PREFIX\n                        Makes Gunicorn use the parameter as program-name in\n                        the syslog entries. [None]\n  --log-syslog-facility SYSLOG_FACILITY\n                        Syslog facility name [user]\n  -R, --enable-stdio-inheritance\n                        Enable stdio inheritance. [False]\n  --statsd-host STATSD_ADDR\n                        The address of the StatsD server to log to. [None]\n  --dogstatsd-tags DOGSTATSD_TAGS\n                        A comma-delimited list of datadog statsd (dogstatsd)\n                        tags to append to []\n  --statsd-prefix STATSD_PREFIX\n                        Prefix to use when emitting statsd metrics (a trailing\n                        ``.`` is added, []\n  -n STRING, --name STRING\n                        A base to use with setproctitle for process naming.\n                        [None]\n  --pythonpath STRING   A comma-separated list of directories to add to the\n                        Python path. [None]\n  --paste STRING, --paster STRING\n                        Load a PasteDeploy config file. The argument may\n                        contain a ``#`` [None]\n  --proxy-protocol      Enable detect PROXY protocol (PROXY mode). [False]\n  --proxy-allow-from PROXY_ALLOW_IPS\n                        Front-end's IPs from which allowed accept proxy\n                        requests (comma separated). [127.0.0.1,::1]\n  --keyfile FILE        SSL key file [None]\n  --certfile FILE       SSL certificate file [None]\n  --ssl-version SSL_VERSION\n                        SSL version to use (see stdlib ssl module's). [2]\n  --cert-reqs CERT_REQS\n                        Whether client certificate is required (see stdlib ssl\n                        module's) [0]\n  --ca-certs FILE       CA certificates file [None]\n  --suppress-ragged-eofs\n                        Suppress ragged EOFs (see stdlib ssl module's) [True]\n  --do-handshake-on-connect\n                        Whether to perform SSL handshake on socket connect\n                        (see stdlib ssl module's) [False]\n  --ciphers CIPHERS     SSL Cipher suite to use, in the format of an OpenSSL\n                        cipher list. [None]\n  --paste-global CONF   Set a PasteDeploy global config variable in\n                        ``key=value`` form. [[]]\n  --permit-obsolete-folding\n                        Permit requests employing obsolete HTTP line folding\n                        mechanism [False]\n  --strip-header-spaces\n                        Strip spaces present between the header name and the\n                        the ``:``. [False]\n  --permit-unconventional-http-method\n                        Permit HTTP methods not matching conventions, such as\n                        IANA registration guidelines [False]\n  --permit-unconventional-http-version\n                        Permit HTTP version not matching conventions of 2023\n                        [False]\n  --casefold-http-method\n                        Transform received HTTP methods to uppercase [False]\n  --forwarder-headers FORWARDER_HEADERS\n                        A list containing upper-case header field names that\n                        the front-end proxy [SCRIPT_NAME,PATH_INFO]\n  --header-map HEADER_MAP\n                        Configure how header field names are mapped into\n                        environ [drop]\n";
export interface GOption { flags: string[]; dest: string; action: string; nargs: string | number | null; const: unknown; type: 'int' | 'float' | 'str' | null }
export const GUNICORN_OPTIONS: GOption[] = [
 {
  "flags": [
   "-h",
   "--help"
  ],
  "dest": "help",
  "action": "_HelpAction",
  "nargs": 0,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "-v",
   "--version"
  ],
  "dest": "version",
  "action": "_VersionAction",
  "nargs": 0,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "-c",
   "--config"
  ],
  "dest": "config",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-b",
   "--bind"
  ],
  "dest": "bind",
  "action": "_AppendAction",
  "nargs": null,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "--backlog"
  ],
  "dest": "backlog",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "-w",
   "--workers"
  ],
  "dest": "workers",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "-k",
   "--worker-class"
  ],
  "dest": "worker_class",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--threads"
  ],
  "dest": "threads",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--worker-connections"
  ],
  "dest": "worker_connections",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--max-requests"
  ],
  "dest": "max_requests",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--max-requests-jitter"
  ],
  "dest": "max_requests_jitter",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "-t",
   "--timeout"
  ],
  "dest": "timeout",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--graceful-timeout"
  ],
  "dest": "graceful_timeout",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--keep-alive"
  ],
  "dest": "keepalive",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--limit-request-line"
  ],
  "dest": "limit_request_line",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--limit-request-fields"
  ],
  "dest": "limit_request_fields",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--limit-request-field_size"
  ],
  "dest": "limit_request_field_size",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "int"
 },
 {
  "flags": [
   "--reload"
  ],
  "dest": "reload",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--reload-engine"
  ],
  "dest": "reload_engine",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--reload-extra-file"
  ],
  "dest": "reload_extra_files",
  "action": "_AppendAction",
  "nargs": null,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "--spew"
  ],
  "dest": "spew",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--check-config"
  ],
  "dest": "check_config",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--print-config"
  ],
  "dest": "print_config",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--preload"
  ],
  "dest": "preload_app",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--no-sendfile"
  ],
  "dest": "sendfile",
  "action": "_StoreConstAction",
  "nargs": 0,
  "const": false,
  "type": null
 },
 {
  "flags": [
   "--reuse-port"
  ],
  "dest": "reuse_port",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--chdir"
  ],
  "dest": "chdir",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-D",
   "--daemon"
  ],
  "dest": "daemon",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "-e",
   "--env"
  ],
  "dest": "raw_env",
  "action": "_AppendAction",
  "nargs": null,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "-p",
   "--pid"
  ],
  "dest": "pidfile",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--worker-tmp-dir"
  ],
  "dest": "worker_tmp_dir",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-u",
   "--user"
  ],
  "dest": "user",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-g",
   "--group"
  ],
  "dest": "group",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-m",
   "--umask"
  ],
  "dest": "umask",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "--initgroups"
  ],
  "dest": "initgroups",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--forwarded-allow-ips"
  ],
  "dest": "forwarded_allow_ips",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--access-logfile"
  ],
  "dest": "accesslog",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--disable-redirect-access-to-syslog"
  ],
  "dest": "disable_redirect_access_to_syslog",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--access-logformat"
  ],
  "dest": "access_log_format",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--error-logfile",
   "--log-file"
  ],
  "dest": "errorlog",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--log-level"
  ],
  "dest": "loglevel",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--capture-output"
  ],
  "dest": "capture_output",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--logger-class"
  ],
  "dest": "logger_class",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--log-config"
  ],
  "dest": "logconfig",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--log-config-json"
  ],
  "dest": "logconfig_json",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--log-syslog-to"
  ],
  "dest": "syslog_addr",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--log-syslog"
  ],
  "dest": "syslog",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--log-syslog-prefix"
  ],
  "dest": "syslog_prefix",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--log-syslog-facility"
  ],
  "dest": "syslog_facility",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-R",
   "--enable-stdio-inheritance"
  ],
  "dest": "enable_stdio_inheritance",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--statsd-host"
  ],
  "dest": "statsd_host",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--dogstatsd-tags"
  ],
  "dest": "dogstatsd_tags",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--statsd-prefix"
  ],
  "dest": "statsd_prefix",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "-n",
   "--name"
  ],
  "dest": "proc_name",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--pythonpath"
  ],
  "dest": "pythonpath",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--paste",
   "--paster"
  ],
  "dest": "paste",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--proxy-protocol"
  ],
  "dest": "proxy_protocol",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--proxy-allow-from"
  ],
  "dest": "proxy_allow_ips",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--keyfile"
  ],
  "dest": "keyfile",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--certfile"
  ],
  "dest": "certfile",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--ssl-version"
  ],
  "dest": "ssl_version",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--cert-reqs"
  ],
  "dest": "cert_reqs",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--ca-certs"
  ],
  "dest": "ca_certs",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--suppress-ragged-eofs"
  ],
  "dest": "suppress_ragged_eofs",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--do-handshake-on-connect"
  ],
  "dest": "do_handshake_on_connect",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--ciphers"
  ],
  "dest": "ciphers",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--paste-global"
  ],
  "dest": "raw_paste_global_conf",
  "action": "_AppendAction",
  "nargs": null,
  "const": null,
  "type": null
 },
 {
  "flags": [
   "--permit-obsolete-folding"
  ],
  "dest": "permit_obsolete_folding",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--strip-header-spaces"
  ],
  "dest": "strip_header_spaces",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--permit-unconventional-http-method"
  ],
  "dest": "permit_unconventional_http_method",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--permit-unconventional-http-version"
  ],
  "dest": "permit_unconventional_http_version",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--casefold-http-method"
  ],
  "dest": "casefold_http_method",
  "action": "_StoreTrueAction",
  "nargs": 0,
  "const": true,
  "type": null
 },
 {
  "flags": [
   "--forwarder-headers"
  ],
  "dest": "forwarder_headers",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 },
 {
  "flags": [
   "--header-map"
  ],
  "dest": "header_map",
  "action": "_StoreAction",
  "nargs": null,
  "const": null,
  "type": "str"
 }
];
export const GUNICORN_SETTINGS: Record<string, { validator: string | null; default: unknown }> = {
 "config": {
  "validator": "validate_string",
  "default": "./gunicorn.conf.py"
 },
 "wsgi_app": {
  "validator": "validate_string",
  "default": null
 },
 "bind": {
  "validator": "validate_list_string",
  "default": [
   "127.0.0.1:8000"
  ]
 },
 "backlog": {
  "validator": "validate_pos_int",
  "default": 2048
 },
 "workers": {
  "validator": "validate_pos_int",
  "default": 1
 },
 "worker_class": {
  "validator": "validate_class",
  "default": "sync"
 },
 "threads": {
  "validator": "validate_pos_int",
  "default": 1
 },
 "worker_connections": {
  "validator": "validate_pos_int",
  "default": 1000
 },
 "max_requests": {
  "validator": "validate_pos_int",
  "default": 0
 },
 "max_requests_jitter": {
  "validator": "validate_pos_int",
  "default": 0
 },
 "timeout": {
  "validator": "validate_pos_int",
  "default": 30
 },
 "graceful_timeout": {
  "validator": "validate_pos_int",
  "default": 30
 },
 "keepalive": {
  "validator": "validate_pos_int",
  "default": 2
 },
 "limit_request_line": {
  "validator": "validate_pos_int",
  "default": 4094
 },
 "limit_request_fields": {
  "validator": "validate_pos_int",
  "default": 100
 },
 "limit_request_field_size": {
  "validator": "validate_pos_int",
  "default": 8190
 },
 "reload": {
  "validator": "validate_bool",
  "default": false
 },
 "reload_engine": {
  "validator": "validate_reload_engine",
  "default": "auto"
 },
 "reload_extra_files": {
  "validator": "validate_list_of_existing_files",
  "default": []
 },
 "spew": {
  "validator": "validate_bool",
  "default": false
 },
 "check_config": {
  "validator": "validate_bool",
  "default": false
 },
 "print_config": {
  "validator": "validate_bool",
  "default": false
 },
 "preload_app": {
  "validator": "validate_bool",
  "default": false
 },
 "sendfile": {
  "validator": "validate_bool",
  "default": null
 },
 "reuse_port": {
  "validator": "validate_bool",
  "default": false
 },
 "chdir": {
  "validator": "validate_chdir",
  "default": "/tmp/g23"
 },
 "daemon": {
  "validator": "validate_bool",
  "default": false
 },
 "raw_env": {
  "validator": "validate_list_string",
  "default": []
 },
 "pidfile": {
  "validator": "validate_string",
  "default": null
 },
 "worker_tmp_dir": {
  "validator": "validate_string",
  "default": null
 },
 "user": {
  "validator": "validate_user",
  "default": 0
 },
 "group": {
  "validator": "validate_group",
  "default": 0
 },
 "umask": {
  "validator": "validate_pos_int",
  "default": 0
 },
 "initgroups": {
  "validator": "validate_bool",
  "default": false
 },
 "tmp_upload_dir": {
  "validator": "validate_string",
  "default": null
 },
 "secure_scheme_headers": {
  "validator": "validate_dict",
  "default": {
   "X-FORWARDED-PROTOCOL": "ssl",
   "X-FORWARDED-PROTO": "https",
   "X-FORWARDED-SSL": "on"
  }
 },
 "forwarded_allow_ips": {
  "validator": "validate_string_to_addr_list",
  "default": [
   "127.0.0.1",
   "::1"
  ]
 },
 "accesslog": {
  "validator": "validate_string",
  "default": null
 },
 "disable_redirect_access_to_syslog": {
  "validator": "validate_bool",
  "default": false
 },
 "access_log_format": {
  "validator": "validate_string",
  "default": "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\""
 },
 "errorlog": {
  "validator": "validate_string",
  "default": "-"
 },
 "loglevel": {
  "validator": "validate_string",
  "default": "info"
 },
 "capture_output": {
  "validator": "validate_bool",
  "default": false
 },
 "logger_class": {
  "validator": "validate_class",
  "default": "gunicorn.glogging.Logger"
 },
 "logconfig": {
  "validator": "validate_string",
  "default": null
 },
 "logconfig_dict": {
  "validator": "validate_dict",
  "default": {}
 },
 "logconfig_json": {
  "validator": "validate_string",
  "default": null
 },
 "syslog_addr": {
  "validator": "validate_string",
  "default": "udp://localhost:514"
 },
 "syslog": {
  "validator": "validate_bool",
  "default": false
 },
 "syslog_prefix": {
  "validator": "validate_string",
  "default": null
 },
 "syslog_facility": {
  "validator": "validate_string",
  "default": "user"
 },
 "enable_stdio_inheritance": {
  "validator": "validate_bool",
  "default": false
 },
 "statsd_host": {
  "validator": "validate_statsd_address",
  "default": null
 },
 "dogstatsd_tags": {
  "validator": "validate_string",
  "default": ""
 },
 "statsd_prefix": {
  "validator": "validate_string",
  "default": ""
 },
 "proc_name": {
  "validator": "validate_string",
  "default": null
 },
 "default_proc_name": {
  "validator": "validate_string",
  "default": "gunicorn"
 },
 "pythonpath": {
  "validator": "validate_string",
  "default": null
 },
 "paste": {
  "validator": "validate_string",
  "default": null
 },
 "on_starting": {
  "validator": "_validate_callable",
  "default": null
 },
 "on_reload": {
  "validator": "_validate_callable",
  "default": null
 },
 "when_ready": {
  "validator": "_validate_callable",
  "default": null
 },
 "pre_fork": {
  "validator": "_validate_callable",
  "default": null
 },
 "post_fork": {
  "validator": "_validate_callable",
  "default": null
 },
 "post_worker_init": {
  "validator": "_validate_callable",
  "default": null
 },
 "worker_int": {
  "validator": "_validate_callable",
  "default": null
 },
 "worker_abort": {
  "validator": "_validate_callable",
  "default": null
 },
 "pre_exec": {
  "validator": "_validate_callable",
  "default": null
 },
 "pre_request": {
  "validator": "_validate_callable",
  "default": null
 },
 "post_request": {
  "validator": "validate_post_request",
  "default": null
 },
 "child_exit": {
  "validator": "_validate_callable",
  "default": null
 },
 "worker_exit": {
  "validator": "_validate_callable",
  "default": null
 },
 "nworkers_changed": {
  "validator": "_validate_callable",
  "default": null
 },
 "on_exit": {
  "validator": "_validate_callable",
  "default": null
 },
 "ssl_context": {
  "validator": "_validate_callable",
  "default": null
 },
 "proxy_protocol": {
  "validator": "validate_bool",
  "default": false
 },
 "proxy_allow_ips": {
  "validator": "validate_string_to_addr_list",
  "default": [
   "127.0.0.1",
   "::1"
  ]
 },
 "keyfile": {
  "validator": "validate_string",
  "default": null
 },
 "certfile": {
  "validator": "validate_string",
  "default": null
 },
 "ssl_version": {
  "validator": "validate_ssl_version",
  "default": 2
 },
 "cert_reqs": {
  "validator": "validate_pos_int",
  "default": 0
 },
 "ca_certs": {
  "validator": "validate_string",
  "default": null
 },
 "suppress_ragged_eofs": {
  "validator": "validate_bool",
  "default": true
 },
 "do_handshake_on_connect": {
  "validator": "validate_bool",
  "default": false
 },
 "ciphers": {
  "validator": "validate_string",
  "default": null
 },
 "raw_paste_global_conf": {
  "validator": "validate_list_string",
  "default": []
 },
 "permit_obsolete_folding": {
  "validator": "validate_bool",
  "default": false
 },
 "strip_header_spaces": {
  "validator": "validate_bool",
  "default": false
 },
 "permit_unconventional_http_method": {
  "validator": "validate_bool",
  "default": false
 },
 "permit_unconventional_http_version": {
  "validator": "validate_bool",
  "default": false
 },
 "casefold_http_method": {
  "validator": "validate_bool",
  "default": false
 },
 "forwarder_headers": {
  "validator": "validate_string_to_list",
  "default": [
   "SCRIPT_NAME",
   "PATH_INFO"
  ]
 },
 "header_map": {
  "validator": "validate_header_map_behaviour",
  "default": "drop"
 }
};
