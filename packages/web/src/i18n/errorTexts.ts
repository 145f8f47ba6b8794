import type { ErrorCode, ValidationRule } from "@natter/protocol";
import type { Locale } from "./dictionary";

type Both = Record<Locale, string>;

/**
 * Every error code of the catalogue (packages/protocol/src/vocabulary.ts) as the reader should read it, in both
 * languages: the server's `message` is for logs and scripts, in English, and never shown as it is.
 * Typed as a Record so that a code added to the catalogue does not compile until it is worded here.
 */
export const errorTexts: Record<ErrorCode, Both> = {
  BAD_REQUEST: { en: "The request was refused as malformed.", "zh-CN": "请求格式不正确，已被拒绝。" },
  UNAUTHORIZED: { en: "Please log in again.", "zh-CN": "请重新登录。" },
  FORBIDDEN: { en: "You are not allowed to do that.", "zh-CN": "你没有权限这样做。" },
  NOT_FOUND: { en: "Not found: it does not exist, or you cannot see it.", "zh-CN": "未找到：它不存在，或你无权查看。" },
  INVALID_CREDENTIALS: { en: "Wrong name or password.", "zh-CN": "名字或密码错误。" },
  USERNAME_TAKEN: { en: "That name, or one that looks like it, is taken.", "zh-CN": "该名字或与它相像的名字已被占用。" },
  USERNAME_RESERVED: { en: "That name is reserved.", "zh-CN": "该名字为保留名字，不能使用。" },
  ROOM_EXISTS: { en: "A room with that name exists already.", "zh-CN": "已有同名的聊天室。" },
  EMOJI_EXISTS: { en: "An emoji with that name exists already.", "zh-CN": "已有同名的表情。" },
  GUESTS_DISABLED: { en: "This server does not admit guests.", "zh-CN": "本服务器不允许访客加入。" },
  MESSAGE_TOO_LONG: { en: "The message is too long.", "zh-CN": "消息太长。" },
  PAYLOAD_TOO_LARGE: { en: "That is too large for this server.", "zh-CN": "内容太大，服务器无法接收。" },
  // Files past one's storage, and pins past a room's limit.
  QUOTA_EXCEEDED: { en: "A limit is reached: remove some files or pins first.", "zh-CN": "已达到上限，请先删除一些文件或取消一些置顶。" },
  UNSUPPORTED_FILE: { en: "This kind of file is not accepted.", "zh-CN": "不接受此类文件。" },
  RATE_LIMITED: { en: "Too many attempts: wait a moment and try again.", "zh-CN": "操作过于频繁，请稍候再试。" },
  UNAVAILABLE: { en: "The server is unavailable; try again shortly.", "zh-CN": "服务器暂时不可用，请稍后再试。" },
  STORAGE_FULL: { en: "The server's storage is full; nothing was saved.", "zh-CN": "服务器存储空间已满，未保存任何内容。" },
  INTERNAL: { en: "Something went wrong on the server; try again.", "zh-CN": "服务器出错了，请重试。" },
  BAD_SUBSCRIPTION: { en: "This browser's notification subscription was refused.", "zh-CN": "此浏览器的通知订阅被拒绝。" },
  TOO_MANY_SUBSCRIPTIONS: { en: "Too many devices receive notifications: stop one first.", "zh-CN": "接收通知的设备太多，请先停用一个。" },
  BAD_EMAIL: { en: "That email address is not valid.", "zh-CN": "该电子邮件地址无效。" },
  EMAIL_DISABLED: { en: "This server sends no email.", "zh-CN": "本服务器不发送电子邮件。" },
  BAD_TOKEN: { en: "This link is invalid or has expired.", "zh-CN": "此链接无效或已过期。" },
  BANNED: { en: "You are banned from this room.", "zh-CN": "你已被此聊天室封禁。" },
  ALREADY_REPORTED: { en: "You have reported this message already.", "zh-CN": "你已举报过这条消息。" },
  ACCOUNT_DISABLED: { en: "This account is deactivated. Please ask an admin.", "zh-CN": "此账号已停用，请联系管理员。" },
  REGISTRATION_CLOSED: { en: "This server does not take new accounts.", "zh-CN": "本服务器不开放注册。" },
  INVITE_REQUIRED: { en: "An invite code is needed to create an account.", "zh-CN": "注册账号需要邀请码。" },
  INVITE_INVALID: { en: "That invite code is not valid.", "zh-CN": "邀请码无效。" },
  INVITE_EXPIRED: { en: "That invite has expired.", "zh-CN": "邀请已过期。" },
  INVITE_USED_UP: { en: "That invite has been used up.", "zh-CN": "邀请的使用次数已用完。" },
  LAST_ADMIN: { en: "The last admin cannot be removed or demoted.", "zh-CN": "不能移除或降级最后一位管理员。" },
  NOT_FOR_GUESTS: { en: "Guests cannot do that.", "zh-CN": "访客不能这样做。" },
  EMAIL_DOMAIN_NOT_ALLOWED: { en: "Addresses of that domain are not allowed here.", "zh-CN": "本服务器不允许该域名的地址。" },
  SSO_DISABLED: { en: "Single sign-on is not set up on this server.", "zh-CN": "本服务器未设置单点登录。" },
  PASSWORD_LOGIN_DISABLED: { en: "This server signs in through single sign-on only.", "zh-CN": "本服务器只能通过单点登录登录。" },
  SSO_REFUSED: { en: "The sign-in was refused or has expired. Please try again.", "zh-CN": "登录被拒绝或已过期，请重试。" },
  BAD_CODE: { en: "That code is wrong or was used already.", "zh-CN": "验证码错误或已被使用。" },
  BAD_TICKET: { en: "The sign-in took too long: please start again.", "zh-CN": "登录超时，请重新开始。" },
  ACCOUNT_UNCLAIMED: { en: "This imported account has not been claimed yet: ask an admin for a link.", "zh-CN": "此导入的账号尚未认领，请向管理员索取链接。" },
  IMPORT_RUNNING: { en: "An import is running already.", "zh-CN": "已有导入正在进行。" },
  INVALID_PAYLOAD: { en: "The content was refused as malformed.", "zh-CN": "内容格式不正确，已被拒绝。" },
  INSUFFICIENT_SCOPE: { en: "This token is not allowed to do that.", "zh-CN": "此令牌无权执行该操作。" },
  TOKENS_DISABLED: { en: "Access tokens are turned off on this server.", "zh-CN": "本服务器已关闭访问令牌。" },
  UNSAFE_URL: { en: "That address is not allowed.", "zh-CN": "不允许使用该地址。" },
  COMMAND_EXISTS: { en: "A command with that name exists already.", "zh-CN": "已有同名的命令。" },
  COMMAND_FAILED: { en: "The command's server did not answer properly.", "zh-CN": "命令的服务器未正确响应。" },
  NOT_READY: { en: "It is still being prepared; try again in a moment.", "zh-CN": "仍在准备中，请稍后再试。" },
};

/** What is wrong with a field, worded for its reader; `limit` is the bound from the server. */
export const ruleTexts: Record<ValidationRule, { en: (limit?: number) => string; "zh-CN": (limit?: number) => string }> = {
  required: { en: () => "is required", "zh-CN": () => "不能为空" },
  too_short: {
    en: (limit) => (limit === undefined ? "is too short" : `needs at least ${limit} characters`),
    "zh-CN": (limit) => (limit === undefined ? "太短" : `至少需要 ${limit} 个字符`),
  },
  too_long: {
    en: (limit) => (limit === undefined ? "is too long" : `takes at most ${limit} characters`),
    "zh-CN": (limit) => (limit === undefined ? "太长" : `最多 ${limit} 个字符`),
  },
  too_small: {
    en: (limit) => (limit === undefined ? "is too small" : `must be at least ${limit}`),
    "zh-CN": (limit) => (limit === undefined ? "太小" : `不能小于 ${limit}`),
  },
  too_big: {
    en: (limit) => (limit === undefined ? "is too large" : `must be at most ${limit}`),
    "zh-CN": (limit) => (limit === undefined ? "太大" : `不能大于 ${limit}`),
  },
  format: { en: () => "is not in the expected form", "zh-CN": () => "格式不正确" },
  invalid: { en: () => "is not valid", "zh-CN": () => "无效" },
};

/** The names of the fields the web app sends, as its forms label them; another field is named by its last part. */
export const fieldNames: Record<string, Both> = {
  username: { en: "Name", "zh-CN": "名字" },
  password: { en: "Password", "zh-CN": "密码" },
  newPassword: { en: "New password", "zh-CN": "新密码" },
  name: { en: "Name", "zh-CN": "名字" },
  room: { en: "Room", "zh-CN": "聊天室" },
  topic: { en: "Topic", "zh-CN": "主题" },
  text: { en: "Message", "zh-CN": "消息" },
  displayName: { en: "Display name", "zh-CN": "显示名称" },
  email: { en: "Email address", "zh-CN": "电子邮件地址" },
  reason: { en: "Reason", "zh-CN": "原因" },
  code: { en: "Code", "zh-CN": "验证码" },
  invite: { en: "Invite code", "zh-CN": "邀请码" },
  days: { en: "Days", "zh-CN": "天数" },
  keywords: { en: "Keywords", "zh-CN": "关键词" },
  status: { en: "Status", "zh-CN": "状态" },
  url: { en: "Address", "zh-CN": "地址" },
};
