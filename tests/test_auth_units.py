"""Pure pieces of the security core: masking, password hashing, principals."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from accounts.masking import mask_name, mask_phone, masked_person
from accounts.passwords import hash_password, needs_rehash, random_password, verify_password
from accounts.principal import Principal, Role
from graph.settings import AppSettings


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        (" 139 0000 1111 ", "139****1111"),
        ("63123456", "******56"),
        ("12", "**"),
        ("", "*"),
        (None, None),
    ],
)
def test_mask_phone(phone: str | None, masked: str | None) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张**"),
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("张", "*"),
        (" 李四 ", "李*"),
        (None, None),
    ],
)
def test_mask_name(name: str | None, masked: str | None) -> None:
    assert mask_name(name) == masked


def test_masked_person_hides_name_phone_and_name_derived_keys() -> None:
    person = {
        "id": "P1",
        "name": "张三丰",
        "phone": "13812345678",
        "title": "兼职委员",
        "pinyin": "zhangsanfeng",
        "initials": "zsf",
        "party_member": True,
    }
    assert masked_person(person) == {
        "id": "P1",
        "name": "张**",
        "phone": "138****5678",
        "title": "兼职委员",
        "party_member": True,
    }
    assert person["name"] == "张三丰"  # the input is left alone


def test_production_hash_is_argon2id_with_the_library_defaults() -> None:
    password = random_password()
    stored = hash_password(password)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, password)
    assert not verify_password(stored, password.upper() + "!")
    assert not verify_password(None, password)
    assert not verify_password("not a hash", password)
    assert not needs_rehash(stored)
    assert needs_rehash("$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")


def test_random_passwords_differ_and_are_long() -> None:
    passwords = {random_password() for _ in range(50)}
    assert len(passwords) == 50
    assert all(len(p) == 16 for p in passwords)


def test_principal_scope_and_permissions() -> None:
    root = Principal("root", Role.ADMIN, None, True)
    city = Principal("cityadmin", Role.ADMIN, "C", False)
    editor = Principal("ed", Role.EDITOR, "S1", False)
    viewer = Principal("vi", Role.VIEWER, "M1", False)
    orphan = Principal("lost", Role.VIEWER, None, False)  # cannot be created; sees nothing if it were
    assert (root.scope, city.scope, editor.scope, viewer.scope, orphan.scope) == (
        None,
        ["C"],
        ["S1"],
        ["M1"],
        [],
    )
    assert [p.can_admin() for p in (root, city, editor, viewer)] == [True, True, False, False]
    assert [p.can_write() for p in (root, city, editor, viewer)] == [True, True, True, False]
    assert all(p.can_read() for p in (root, city, editor, viewer))
    assert root.is_global
    assert not city.is_global
    with pytest.raises(AttributeError):
        city.area_id = None  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["*", "proxy.local", "10.0.0.300"])
def test_trusted_proxies_must_be_addresses_or_networks(bad: str) -> None:
    with pytest.raises(ValidationError, match="trusted_proxies"):
        AppSettings(trusted_proxies=["127.0.0.1", bad])
    assert AppSettings(trusted_proxies=["127.0.0.1", "10.0.0.0/8", "::1"]).trusted_proxies[1] == "10.0.0.0/8"
