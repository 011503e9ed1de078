#!/usr/bin/env bash
# A script using only curl and a bearer token (docs/api.md): import the seed for 2021, read a project, submit it,
# and download the ratings.
#   PT_URL=http://localhost:5080 PT_EMAIL=admin@localhost PT_PASSWORD=… scripts/api-demo.sh [SEED_FILE]
# Needs only curl (values are cut out of the compact JSON with grep). The ratings download needs an Auditor or Admin;
# a Finance user of unit 631001 can do steps 1-4.
set -euo pipefail
url=${PT_URL:-http://localhost:5080}
email=${PT_EMAIL:?set PT_EMAIL (a Finance user of the seed unit, or an admin)}
password=${PT_PASSWORD:?set PT_PASSWORD}
seed=${1:-"$(dirname "$0")/../samples/631001-2021-goals.txt"}
out=${PT_OUT:-$(mktemp -d)}

text_field() { # text_field NAME < json → the first string value of NAME
    grep -o "\"$1\":\"[^\"]*\"" | head -n1 | cut -d'"' -f4
}

echo "1. login → bearer token"
token=$(curl -fsS -X POST "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" | text_field accessToken)
auth=(-H "Authorization: Bearer $token")

echo "2. import the seed (year 2021)"
curl -fsS "${auth[@]}" -X POST "$url/api/v1/imports?year=2021" -F "files=@$seed;filename=seed.txt" > "$out/import.json"
cat "$out/import.json"; echo

echo "3. the seed's unit and its first 2021 project"
unit=$(curl -fsS "${auth[@]}" "$url/api/v1/units" | grep -o '{"id":[0-9]*,"code":"631001"' | cut -d: -f2 | cut -d, -f1)
project=$(curl -fsS "${auth[@]}" "$url/api/v1/units/$unit/years/2021/projects?pageSize=1" | grep -o '"items":\[{"id":[0-9]*' | grep -o '[0-9]*$')
curl -fsS "${auth[@]}" "$url/api/v1/projects/$project" > "$out/project.json"
echo "   project $project $(text_field code < "$out/project.json") $(text_field name < "$out/project.json"): $(text_field status < "$out/project.json"), saved as $out/project.json"

echo "4. submit it for review"
curl -sS "${auth[@]}" -X POST "$url/api/v1/projects/$project/submit" -o "$out/submit.json" -w '   HTTP %{http_code}\n'

echo "5. download the ratings (json, csv, xlsx; auditors and admins)"
for format in json csv xlsx; do
    curl -sS "${auth[@]}" "$url/api/v1/exports/ratings?year=2021&unit=631001&format=$format" -o "$out/ratings.$format" -w "   ratings.$format HTTP %{http_code}\n"
done
echo "files in $out"
