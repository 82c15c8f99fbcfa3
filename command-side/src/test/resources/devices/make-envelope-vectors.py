#!/usr/bin/python3
"""Makes envelope-vectors.json, the fixture of SafeEnvelopeTest, with migasfree-client's own
secure.py (jwcrypto). Run once, from this folder, with Debian's python3-jwcrypto installed:

    PYTHONPATH=/work/shared/peers/migasfree-client /usr/bin/python3 make-envelope-vectors.py > envelope-vectors.json

With a second argument "unwrap", it reads {"msg", "project_private", "server_public"} as JSON on
stdin and prints the data the client's unwrap() makes of it (SafeEnvelopeTest's live round trip).
"""
import json
import os
import sys
import tempfile

from jwcrypto import jwk
from migasfree_client import secure


def pem_files(keys):
    folder = tempfile.mkdtemp()
    paths = {}
    for name, pem in keys.items():
        paths[name] = os.path.join(folder, name + '.pem')
        with open(paths[name], 'w') as f:
            f.write(pem)
    return paths


if len(sys.argv) > 1 and sys.argv[1] == 'unwrap':
    given = json.load(sys.stdin)
    paths = pem_files({'project_private': given['project_private'], 'server_public': given['server_public']})
    print(json.dumps({'data': secure.unwrap(given['msg'], decrypt_key=paths['project_private'],
                                            verify_key=paths['server_public'])}))
    sys.exit(0)


def pair():
    key = jwk.JWK.generate(kty='RSA', size=2048)
    return key.export_to_pem(private_key=True, password=None).decode(), key.export_to_pem().decode()


server_private, server_public = pair()
project_private, project_public = pair()
paths = pem_files({'project_private': project_private, 'server_public': server_public})
data = {
    'id': 7,
    'uuid': '4C4C4544-0042-3010-8052-B4C04F564433',
    'name': 'pc-año',
    'ratio': 0.5,
    'tiny': 1e-05,
    'big': 1e+16,
    'ok': True,
    'none': None,
    'sync_attributes': {'SET': 'ALL SYSTEMS', 'HST': 'pc\t"quoted"\\', 'EMOJI': '\U0001F600'},
    'inventory': ['bash_5.2.15-2+b7_amd64.deb', 'zlib1g_1:1.2.13.dfsg-1_amd64.deb'],
}
print(json.dumps({
    'made_by': 'make-envelope-vectors.py with migasfree-client secure.wrap (jwcrypto)',
    'server_private': server_private,
    'server_public': server_public,
    'project_private': project_private,
    'project_public': project_public,
    'data': data,
    'python_dumps': json.dumps(data),
    'msg': secure.wrap(data, sign_key=paths['project_private'], encrypt_key=paths['server_public']),
}, indent=1))
